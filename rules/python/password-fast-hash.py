import hashlib


def store(password, data):
    # ruleid: password-fast-hash
    a = hashlib.sha256(password.encode()).hexdigest()
    # ruleid: password-fast-hash
    b = hashlib.md5(password).hexdigest()
    # ok: password-fast-hash
    c = hashlib.sha256(data).hexdigest()
    return a, b, c
