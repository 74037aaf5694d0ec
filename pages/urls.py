from django.contrib.sitemaps.views import sitemap
from django.urls import path

from caching.decorators import cacheable_reading_page
from pages import views
from pages.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("safety/", views.safety, name="safety"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cacheable_reading_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
