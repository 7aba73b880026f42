def f(x, y):
    # ruleid: deep-call-name-regex
    sink(safe(danger(x)))
    # ruleid: deep-call-name-regex
    sink(safe(x, other(y, dangerous(x))))
    # ruleid: deep-call-name-regex
    sink(danger_first(safe(x)))
    # ok: deep-call-name-regex
    sink(safe(harmless(x)))
    # ok: deep-call-name-regex
    sink(x)
    # ok: deep-call-name-regex
    other(safe(danger(x)))
