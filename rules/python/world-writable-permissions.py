import os


def setup(path):
    # ruleid: world-writable-permissions
    os.chmod(path, 0o777)
    # ruleid: world-writable-permissions
    os.makedirs(path, 0o776)
    # ok: world-writable-permissions
    os.chmod(path, 0o750)
    # ok: world-writable-permissions
    os.mkdir(path, 0o700)
