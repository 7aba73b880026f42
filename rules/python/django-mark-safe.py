from django.utils.html import format_html
from django.utils.safestring import mark_safe


def badge(name):
    # ruleid: django-mark-safe
    a = mark_safe("<b>" + name + "</b>")
    # ruleid: django-mark-safe
    b = format_html(f"<b>{name}</b>")
    # ok: django-mark-safe
    c = format_html("<b>{}</b>", name)
    # ok: django-mark-safe
    d = mark_safe("<hr>")
    return a, b, c, d
