from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import rsa


def keys():
    # ruleid: weak-rsa-key
    a = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: weak-rsa-key
    b = RSA.generate(512)
    # ok: weak-rsa-key
    c = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return a, b, c
