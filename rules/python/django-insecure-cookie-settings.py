DEBUG = False
# ruleid: django-insecure-cookie-settings
SESSION_COOKIE_SECURE = False
# ruleid: django-insecure-cookie-settings
CSRF_COOKIE_SECURE = False
# ok: django-insecure-cookie-settings
SESSION_COOKIE_HTTPONLY = True
