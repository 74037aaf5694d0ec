"""Root URL map: each app owns its own URLs; this file only mounts them.

Reader-facing pages answer in every language: English unprefixed, Spanish under /es/ (the address
alone sets the language: pages/language.py). Staff pages and the crawler files have one address.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from pages.urls import site_files

urlpatterns = [
    *i18n_patterns(
        path("", include("pages.urls")),
        path("modalities/", include("modalities.urls")),
        path("choose/", include("choose.urls")),
        path("", include("articles.urls")),
        path("", include("needs.urls")),
        path("", include("search.urls")),
        path("", include("volunteers.urls")),
        prefix_default_language=False,
    ),
    path("", include(site_files)),
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
