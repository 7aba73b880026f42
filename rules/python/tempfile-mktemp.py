import tempfile
from tempfile import mktemp


def scratch():
    # ruleid: tempfile-mktemp
    a = tempfile.mktemp()
    # ruleid: tempfile-mktemp
    b = mktemp(suffix=".txt")
    # ok: tempfile-mktemp
    fd, c = tempfile.mkstemp()
    return a, b, c, fd
