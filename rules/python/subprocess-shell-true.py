import subprocess
import subprocess as sp
from subprocess import check_output


def run(user_path, name):
    # ruleid: subprocess-shell-true
    subprocess.call("ls " + user_path, shell=True)
    # ruleid: subprocess-shell-true
    sp.run(f"grep {name} /etc/passwd", check=True, shell=True)
    # ruleid: subprocess-shell-true
    check_output(
        "cat %s" % user_path,  # a comment inside the call does not matter
        shell=True,
    )
    # ok: subprocess-shell-true
    subprocess.call(["ls", user_path])
    # ok: subprocess-shell-true
    subprocess.call("ls -l /tmp", shell=True)
    # ok: subprocess-shell-true
    subprocess.run(["ls", user_path], shell=False)
