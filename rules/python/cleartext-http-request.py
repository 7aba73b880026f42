import requests


def fetch(auth):
    # ruleid: cleartext-http-request
    a = requests.get("http://api.example.com/v1/orders", headers=auth, timeout=5)
    # ok: cleartext-http-request
    b = requests.get("https://api.example.com/v1/orders", headers=auth, timeout=5)
    # ok: cleartext-http-request
    c = requests.get("http://localhost:8080/health", timeout=5)
    return a, b, c
