"""A page that carries a CSRF token next to reflected input: the shape BREACH attacks."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def form_with_token(request):
    echoed = request.GET.get("q", "")
    body = f"<!doctype html><title>Form</title><p>{echoed}</p><input value='{get_token(request)}'>" * 5
    return HttpResponse(body)


def plain_page(request):
    return HttpResponse("<!doctype html><title>Plain</title>" + "<p>Nothing secret here.</p>" * 20)


urlpatterns = [
    path("form/", form_with_token),
    path("plain/", plain_page),
]
