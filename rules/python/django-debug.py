import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# ruleid: django-debug
DEBUG = True
# ok: django-debug
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"


def configure_tests():
    # ok: django-debug
    DEBUG = True
    return DEBUG
