# `async def` in a pattern matches only async functions.

# ruleid: async-only
async def fetch():
    pass

# ok: async-only
def sync():
    pass
