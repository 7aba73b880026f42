import os
import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host")
    command = "ping -c 1 " + host
    # ruleid: tainted-command
    os.system(command)
    # ok: tainted-command
    os.system("ping -c 1 " + shlex.quote(host))
    count = int(request.args["count"])
    # ok: tainted-command
    os.system("ping -c %d localhost" % count)
    return "ok"


@app.route("/grep")
def grep():
    parts = ["grep"]
    parts.append(request.form["pattern"])
    line = " ".join(parts)
    # ruleid: tainted-command
    subprocess.run(f"{line} /var/log/app.log", shell=True)
    return "ok"


def offline(name):
    # ok: tainted-command
    os.system("echo " + name)
