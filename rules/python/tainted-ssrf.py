import requests
from flask import request


def preview():
    target = request.args.get("url")
    # ruleid: tainted-ssrf
    page = requests.get(target, timeout=5)
    return page.text


def webhook():
    host = request.json["host"]
    url = "https://{}/hook".format(host)
    # ruleid: tainted-ssrf
    requests.post(url, json={"ok": True})
    # ok: tainted-ssrf
    requests.post("https://hooks.example.com/ping", json={"host": host})
    return "sent"
