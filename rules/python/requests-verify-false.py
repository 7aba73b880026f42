import httpx
import requests


def fetch(url, token):
    # ruleid: requests-verify-false
    r = requests.get(url, headers={"Authorization": token}, verify=False)
    # ruleid: requests-verify-false
    requests.post(url, json={}, verify = False, timeout=5)
    # ruleid: requests-verify-false
    client = httpx.Client(verify=False)
    session = requests.Session()
    # ruleid: requests-verify-false
    session.verify = False
    # ok: requests-verify-false
    requests.get(url, verify=True)
    # ok: requests-verify-false
    requests.get(url, verify="/etc/ssl/certs/corp.pem")
    return r, client
