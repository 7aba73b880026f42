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
