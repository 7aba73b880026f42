import logging.config


def start(check):
    # ruleid: logging-config-listen
    a = logging.config.listen(9999)
    # ok: logging-config-listen
    b = logging.config.listen(9999, verify=check)
    return a, b
