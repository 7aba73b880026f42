from Crypto.Cipher import AES, ARC4, DES3
from cryptography.hazmat.primitives.ciphers import algorithms


def ciphers(key, iv):
    # ruleid: weak-cipher
    a = DES3.new(key, DES3.MODE_CBC, iv)
    # ruleid: weak-cipher
    b = ARC4.new(key)
    # ruleid: weak-cipher
    c = algorithms.TripleDES(key)
    # ok: weak-cipher
    d = AES.new(key, AES.MODE_GCM)
    # ok: weak-cipher
    e = algorithms.AES(key)
    return a, b, c, d, e
