from myapp.models import User


def find(name):
    # ruleid: django-raw-sql
    a = User.objects.raw(f"SELECT * FROM app_user WHERE name = '{name}'")
    # ruleid: django-raw-sql
    b = User.objects.raw("SELECT * FROM app_user WHERE name = '%s'" % name)
    # ok: django-raw-sql
    c = User.objects.raw("SELECT * FROM app_user WHERE name = %s", [name])
    return a, b, c
