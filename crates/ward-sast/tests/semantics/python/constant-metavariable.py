import re

# `"$RE"` also binds the string a constant holds, or a concatenation of literals makes.
ETH = r"Eth\d+(/\d+)+"
# ruleid: nested-quantifier
PATTERN = re.compile(ETH)


def port(name):
    # ruleid: nested-quantifier
    return re.search(ETH, name)


# ruleid: nested-quantifier
JOINED = re.compile("(a" + "+)+")

# ok: nested-quantifier
SAFE = re.compile(ETH.replace("+", ""))
