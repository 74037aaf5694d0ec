"""Staff URLs under the admin's address: sign-in, and the landing that sends each role to its work."""

from django.urls import path

from staff import landing

app_name = "staff"
urlpatterns = [
    # Answered before the admin's own "login/" (config/urls.py mounts this first).
    path("login/", landing.sign_in, name="sign_in"),
    path("start/", landing.landing, name="landing"),
]
