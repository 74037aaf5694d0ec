"""Public URLs of the volunteer form."""

from django.urls import path

from volunteers import views

app_name = "volunteers"
urlpatterns = [
    path("volunteer/", views.volunteer_form, name="form"),
    path("volunteer/thanks/", views.thanks, name="thanks"),
]
