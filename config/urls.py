"""Root URL map: each app owns its own URLs; this file only mounts them."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pages.urls")),
    path("modalities/", include("modalities.urls")),
    path("choose/", include("choose.urls")),
    path("", include("articles.urls")),
    path("", include("needs.urls")),
    path("", include("search.urls")),
    path("", include("volunteers.urls")),
    path("inbox/", include("volunteers.inbox_urls")),
    path(settings.ADMIN_URL + "editorial/", include("editorial.urls")),
    path(settings.ADMIN_URL + "second-factor/", include("secondfactor.urls")),
    path(settings.ADMIN_URL, include("staff.urls")),  # before the admin: its sign-in page leads on
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "pages.views.bad_request"
handler403 = "pages.views.permission_denied"
handler404 = "pages.views.page_not_found"
handler500 = "pages.views.server_error"
