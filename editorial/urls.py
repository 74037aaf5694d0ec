"""Editorial staff pages, mounted under the admin's URL (settings.ADMIN_URL) by config/urls.py."""

from django.contrib import admin
from django.urls import path

from editorial import views

app_name = "editorial"
urlpatterns = [
    # admin_view: staff only (others go to the admin login), never cached.
    path("review-dates/", admin.site.admin_view(views.review_dates), name="review_dates"),
]
