import ssl

import urllib3


def contexts(CA):
    # ruleid: ssl-unverified-context
    a = ssl._create_unverified_context()
    b = ssl.create_default_context()
    # ruleid: ssl-unverified-context
    b.check_hostname = False
    # ruleid: ssl-unverified-context
    b.verify_mode = ssl.CERT_NONE
    # ruleid: ssl-unverified-context
    pool = urllib3.PoolManager(cert_reqs="CERT_NONE")
    # ok: ssl-unverified-context
    c = ssl.create_default_context(cafile=CA)
    return a, b, c, pool
