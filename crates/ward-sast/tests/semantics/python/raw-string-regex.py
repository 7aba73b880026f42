import re

# A raw string's line breaks read as `\n` in metavariable-regex, so a one-line regex sees the
# whole of a verbose multi-line pattern.

# ruleid: nested-quantifier
VRF = re.compile(
    r"""
    \s*(?P<vrf>vrf\s\S+)*
    \s*address-family
    $""",
    re.VERBOSE,
)

# ok: nested-quantifier
PLAIN = re.compile(
    r"""
    \s*(?P<vrf>vrf\s\S)
    $""",
    re.VERBOSE,
)

# ruleid: nested-quantifier
ONE_LINE = re.compile(r"(a+)+$")
