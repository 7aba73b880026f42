import subprocess

# A variable set to a constant on every branch before the read holds a constant there, whatever
# it becomes later in the function; a loop around the read that reassigns it does matter.


def branches(windows):
    if windows:
        cmd = "magick"
    else:
        cmd = "convert"
    # ok: shell-variable
    p = subprocess.Popen(cmd, shell=True)
    for name in p.names:
        cmd = "{} {}".format(cmd, name)


def loop(names):
    cmd = "convert"
    for name in names:
        # ruleid: shell-variable
        subprocess.Popen(cmd, shell=True)
        cmd = name


# A file-level constant is seen in a function below it, not in one above it.
BEFORE = """
<p>{{ x }}</p>
"""


def render(env):
    # ok: template-variable
    env.from_string(BEFORE)
    # ruleid: template-variable
    env.from_string(AFTER)


AFTER = """
<p>{{ y }}</p>
"""


# `+=` of constants builds a constant string; of anything else, not.
def appended(env, mode):
    payload = "{"
    if mode:
        payload += '"mode": "{{ mode }}"'
    payload += "}"
    # ok: template-variable
    env.from_string(payload)


def appended_input(env, mode):
    payload = "{"
    payload += mode
    # ruleid: template-variable
    env.from_string(payload)
