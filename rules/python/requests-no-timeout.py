import requests


def fetch(url, kwargs):
    # ruleid: requests-no-timeout
    a = requests.get(url)
    # ruleid: requests-no-timeout
    b = requests.post(url, json={"a": 1})
    # ok: requests-no-timeout
    c = requests.get(url, timeout=10)
    # ok: requests-no-timeout
    d = requests.get(url, **kwargs)
    return a, b, c, d
