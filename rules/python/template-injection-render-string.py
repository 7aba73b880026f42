from flask import Flask, render_template_string, request
from jinja2 import Environment

app = Flask(__name__)
env = Environment()


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: template-injection-render-string
    page = render_template_string("<h1>Hello " + name + "</h1>")
    # ruleid: template-injection-render-string
    other = env.from_string(f"<p>{name}</p>").render()
    # ok: template-injection-render-string
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name) + page + other
