import os
from os import system as run_shell


def cleanup(name):
    # ruleid: os-system
    os.system("rm -rf /tmp/" + name)
    # ruleid: os-system
    run_shell(f"touch {name}")
    # ruleid: os-system
    out = os.popen("cat " + name).read()
    # ok: os-system
    os.system("uptime")
    # ok: os-system
    os.popen('date', "r")
    return out
