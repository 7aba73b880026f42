from myapp.models import User


def signup(request):
    # ruleid: mass-assignment
    User.objects.create(**request.POST.dict())
    # ruleid: mass-assignment
    User.objects.filter(pk=1).update(**request.data)
    # ok: mass-assignment
    User.objects.create(username=request.POST["username"])
