import os

from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import modes


def ciphers(key):
    # ruleid: static-iv
    a = AES.new(key, AES.MODE_CBC, b"0000000000000000")
    # ruleid: static-iv
    b = AES.new(key, AES.MODE_GCM, nonce=b"fixednonce12")
    # ruleid: static-iv
    c = modes.CBC(b"1234567890abcdef")
    # ok: static-iv
    d = AES.new(key, AES.MODE_CBC, os.urandom(16))
    # ok: static-iv
    e = modes.GCM(os.urandom(12))
    return a, b, c, d, e
