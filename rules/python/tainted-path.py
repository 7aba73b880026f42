import os

from flask import request, send_file
from werkzeug.utils import secure_filename

UPLOADS = "/srv/uploads"


def download():
    name = request.args["file"]
    path = os.path.join(UPLOADS, name)
    # ruleid: tainted-path
    return send_file(path)


def read_note():
    note = request.values.get("note")
    # ruleid: tainted-path
    with open(f"/srv/notes/{note}.txt") as f:
        return f.read()


def safe_read():
    name = secure_filename(request.args["file"])
    # ok: tainted-path
    with open(os.path.join(UPLOADS, name)) as f:
        return f.read()
