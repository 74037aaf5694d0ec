from django.urls import path

from needs import views

app_name = "needs"
urlpatterns = [
    path("tags/", views.need_list, name="list"),
    path("tags/<slug:slug>/", views.need_detail, name="detail"),
]
