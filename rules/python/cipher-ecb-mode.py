from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import modes


def ciphers(key, nonce):
    # ruleid: cipher-ecb-mode
    a = AES.new(key, AES.MODE_ECB)
    # ruleid: cipher-ecb-mode
    b = modes.ECB()
    # ok: cipher-ecb-mode
    c = AES.new(key, AES.MODE_GCM, nonce=nonce)
    # ok: cipher-ecb-mode
    d = modes.GCM(nonce)
    return a, b, c, d
