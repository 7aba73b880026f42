import jwt


def claims(token, key):
    # ruleid: jwt-verify-disabled
    a = jwt.decode(token, options={"verify_signature": False})
    # ruleid: jwt-verify-disabled
    b = jwt.decode(token, key, verify=False)
    # ruleid: jwt-verify-disabled
    c = jwt.decode(token, key, algorithms=["HS256", "none"])
    # ruleid: jwt-verify-disabled
    d = jwt.decode(token, key, options={'verify_exp': True, 'verify_signature': False}, algorithms=["HS256"])
    # ok: jwt-verify-disabled
    e = jwt.decode(token, key, algorithms=["HS256"])
    return a, b, c, d, e
