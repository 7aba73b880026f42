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


def joined(lines):
    # A call whose only argument is a generator is still a call inside mark_safe.
    # ruleid: django-mark-safe
    return mark_safe("\n".join(line for line in lines))


def links(paths):
    from itertools import chain

    # Semgrep keeps the format_html inside chain(...) (its $FUNC binds chain there).
    # ruleid: django-mark-safe
    return chain(format_html("<link href={}>", path) for path in paths)
