import os

from flask import Flask

app = Flask(__name__)
# ruleid: flask-secret-key-literal
app.secret_key = "dev-key-123"
# ruleid: flask-secret-key-literal
app.config["SECRET_KEY"] = "change-me"
# ruleid: flask-secret-key-literal
app.config.update(DEBUG=False, SECRET_KEY="hunter2")
# ok: flask-secret-key-literal
app.secret_key = os.environ["FLASK_SECRET_KEY"]
