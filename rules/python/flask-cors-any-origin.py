from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
# ruleid: flask-cors-any-origin
CORS(app)
# ruleid: flask-cors-any-origin
CORS(app, origins="*")
# ok: flask-cors-any-origin
CORS(app, origins=["https://app.example.com"])
