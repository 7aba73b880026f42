DEBUG = False
# ruleid: django-allowed-hosts-wildcard
ALLOWED_HOSTS = ["*"]


def production():
    # ok: django-allowed-hosts-wildcard
    ALLOWED_HOSTS = ["app.example.com", "www.example.com"]
    return ALLOWED_HOSTS
