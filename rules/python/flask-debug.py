from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hello"


if __name__ == "__main__":
    # ruleid: flask-debug
    app.run(host="0.0.0.0", port=8080, debug=True)
    # ruleid: flask-debug
    app.debug = True
    # ok: flask-debug
    app.run(host="127.0.0.1", debug=False)
    # ok: flask-debug
    other.run(debug=True)
