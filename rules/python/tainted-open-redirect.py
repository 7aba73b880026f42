from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login")
def login():
    target = request.args.get("next", "/")
    # ruleid: tainted-open-redirect
    return redirect(target)


@app.route("/home")
def home():
    # ok: tainted-open-redirect
    return redirect("/dashboard")


def set_language(request):
    from django.http import HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    next_url = request.POST.get("next")
    if not url_has_allowed_host_and_scheme(url=next_url, allowed_hosts=None):
        next_url = "/"
    # The check only cleans one path: the other still carries the request's value.
    # ruleid: tainted-open-redirect
    return HttpResponseRedirect(next_url)


def fixed_target(request):
    from django.http import HttpResponseRedirect

    if request.GET.get("next"):
        target = "/a"
    else:
        target = "/b"
    # ok: tainted-open-redirect
    return HttpResponseRedirect(target)
