import socket

from flask import Flask

app = Flask(__name__)


def serve():
    sock = socket.socket()
    # ruleid: bind-all-interfaces
    sock.bind(("0.0.0.0", 8080))
    # ok: bind-all-interfaces
    sock.bind(("127.0.0.1", 8080))
    # ruleid: bind-all-interfaces
    app.run(host="0.0.0.0", port=5000)
