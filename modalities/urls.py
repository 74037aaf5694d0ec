from django.urls import path

from modalities import views

app_name = "modalities"
urlpatterns = [
    path("", views.modality_index, name="index"),
    path("compare/", views.compare, name="compare"),
    path("<slug:slug>/", views.modality_detail, name="detail"),
]
