import re


def check(text):
    # ruleid: regex-nested-quantifier
    a = re.match(r"^(\w+\s?)+$", text)
    # ruleid: regex-nested-quantifier
    b = re.compile("(a*)*b")
    # ok: regex-nested-quantifier
    c = re.match(r"^[\w\s]+$", text)
    # ok: regex-nested-quantifier
    d = re.compile(r"(ab)+")
    return a, b, c, d
