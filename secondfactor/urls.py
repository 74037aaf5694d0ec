"""Second-factor pages, mounted under the admin's URL (settings.ADMIN_URL) by config/urls.py."""

from django.urls import path

from secondfactor import views

app_name = "secondfactor"
urlpatterns = [
    path("", views.verify, name="verify"),
    path("set-up/", views.enrol, name="enrol"),
    path("backup-codes/", views.backup_codes, name="backup_codes"),
]
