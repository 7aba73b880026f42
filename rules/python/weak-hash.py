import hashlib
from hashlib import md5


def digest(data, password):
    # ruleid: weak-hash
    a = hashlib.md5(data).hexdigest()
    # ruleid: weak-hash
    b = hashlib.sha1(password.encode()).hexdigest()
    # ruleid: weak-hash
    c = hashlib.new('md5', data)
    # ruleid: weak-hash
    d = md5(data)
    # ok: weak-hash
    e = hashlib.sha256(data).hexdigest()
    # ok: weak-hash
    f = hashlib.md5(data, usedforsecurity=False)
    return a, b, c, d, e, f
