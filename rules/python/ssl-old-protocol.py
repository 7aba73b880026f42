import ssl


def contexts():
    # ruleid: ssl-old-protocol
    a = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    b = ssl.create_default_context()
    # ruleid: ssl-old-protocol
    b.minimum_version = ssl.TLSVersion.TLSv1_1
    # ok: ssl-old-protocol
    c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return a, b, c
