import jinja2


def environments(loader):
    # ruleid: jinja2-autoescape-off
    a = jinja2.Environment(loader=loader)
    # ruleid: jinja2-autoescape-off
    b = jinja2.Environment(loader=loader, autoescape=False)
    # ok: jinja2-autoescape-off
    c = jinja2.Environment(loader=loader, autoescape=jinja2.select_autoescape())
    # ok: jinja2-autoescape-off
    d = jinja2.Environment(loader=loader, autoescape=True)
    return a, b, c, d
