"""Static files: hashed names, precompressed with gzip and brotli, cached by browsers for ten years."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

HASHED_CSS = re.compile(r"^site\.[0-9a-f]{12}\.css$")
TEN_YEARS = 10 * 365 * 24 * 60 * 60  # whitenoise's "forever" for a name that changes with the content
SHORT_MAX_AGE = 60  # a name that does not change with the content must be rechecked soon


def cache_control(response) -> dict[str, str]:
    """{directive: value} from Cache-Control; a directive without a value maps to ""."""
    pairs = (part.strip().partition("=") for part in response["Cache-Control"].split(","))
    return {name: value for name, _, value in pairs}


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic as production runs it (manifest storage, compression), into a fresh folder."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_collectstatic_writes_hashed_gzip_and_brotli_files(collected):
    css = [p.name for p in (collected / "css").iterdir()]
    hashed = [name for name in css if HASHED_CSS.match(name)]
    assert len(hashed) == 1
    assert f"{hashed[0]}.gz" in css and f"{hashed[0]}.br" in css


def test_hashed_stylesheet_is_served_compressed_with_far_future_caching(collected, db):
    hashed = next(p.name for p in (collected / "css").iterdir() if HASHED_CSS.match(p.name))
    client = Client()  # a fresh handler, so whitenoise sees the collected files
    response = client.get(f"/static/css/{hashed}", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    directives = cache_control(response)
    assert int(directives["max-age"]) == TEN_YEARS
    assert "immutable" in directives
    assert not response.cookies
    # Only this site's own pages use its files; other sites may neither embed nor read them.
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "Access-Control-Allow-Origin" not in response
    b"".join(response.streaming_content)
    response.close()


def test_an_unhashed_name_is_rechecked_within_a_minute(collected, db):
    # site.css without its hash is the same address before and after a release: a browser that
    # kept it for a year would show last year's styles.
    client = Client()
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    directives = cache_control(response)
    assert int(directives["max-age"]) <= SHORT_MAX_AGE
    assert "immutable" not in directives
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    b"".join(response.streaming_content)
    response.close()
