import marshal


def restore(payload, f):
    # ruleid: marshal-load
    code = marshal.loads(payload)
    # ruleid: marshal-load
    other = marshal.load(f)
    # ok: marshal-load
    blob = marshal.dumps(code)
    return code, other, blob
