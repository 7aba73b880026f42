def f(user, password, secret_key):
    # ruleid: ellipsis-argument-regex
    log(user, password)
    # ruleid: ellipsis-argument-regex
    log(user, "x", secret_key, 3)
    # ok: ellipsis-argument-regex
    log(user, "x", 3)
