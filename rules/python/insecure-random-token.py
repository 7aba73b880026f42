import random
import secrets
import string

ALPHABET = string.ascii_letters + string.digits


def issue(user):
    # ruleid: insecure-random-token
    reset_token = "".join(random.choices(ALPHABET, k=32))
    # ruleid: insecure-random-token
    user.api_key = "%x" % random.getrandbits(128)
    # ruleid: insecure-random-token
    otp = random.randint(100000, 999999)
    # ok: insecure-random-token
    session_id = secrets.token_urlsafe(32)
    # ok: insecure-random-token
    delay = random.uniform(0.1, 0.5)
    return reset_token, otp, session_id, delay
