from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


# ruleid: django-csrf-exempt
@csrf_exempt
def transfer(request):
    return HttpResponse("ok")


# ok: django-csrf-exempt
def profile(request):
    return HttpResponse("ok")
