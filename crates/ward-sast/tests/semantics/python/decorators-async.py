# A pattern's decorators are found among the definition's, in any order; `def` in a pattern
# also matches `async def`.

# ruleid: exempt-view
@csrf_exempt
def plain(request):
    pass

# ruleid: exempt-view
@csrf_exempt
@sync_to_async
def decorated_after(request):
    pass

# ruleid: exempt-view
@login_required
@csrf_exempt
def decorated_before(request):
    pass

# ruleid: exempt-view
@csrf_exempt
async def coroutine(request):
    return 1

# ok: exempt-view
@login_required
def protected(request):
    pass
