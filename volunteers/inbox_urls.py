"""URLs of the moderated inbox, mounted at /inbox/ by config/urls.py."""

from django.urls import path

from volunteers import inbox_views

app_name = "inbox"
urlpatterns = [
    path("", inbox_views.inbox_list, name="list"),
    path("export.csv", inbox_views.inbox_export, name="export"),
    path("bulk/", inbox_views.inbox_bulk, name="bulk"),
    path("<int:pk>/", inbox_views.inbox_detail, name="detail"),
    path("<int:pk>/status/", inbox_views.inbox_status, name="status"),
    path("<int:pk>/assign/", inbox_views.inbox_assign, name="assign"),
    path("<int:pk>/notes/", inbox_views.inbox_note, name="note"),
]
