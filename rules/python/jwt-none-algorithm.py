import jwt


def issue(claims, secret):
    # ruleid: jwt-none-algorithm
    a = jwt.encode(claims, None, algorithm="none")
    # ok: jwt-none-algorithm
    b = jwt.encode(claims, secret, algorithm="HS256")
    return a, b
