from flask import Flask

app = Flask(__name__)
# ruleid: csrf-protection-disabled-setting
app.config["WTF_CSRF_ENABLED"] = False
# ok: csrf-protection-disabled-setting
app.config["WTF_CSRF_ENABLED"] = True


class Config:
    # ruleid: csrf-protection-disabled-setting
    WTF_CSRF_ENABLED = False
