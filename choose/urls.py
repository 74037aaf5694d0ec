from django.urls import path

from choose import views

app_name = "choose"
urlpatterns = [
    path("", views.choose, name="aid"),
]
