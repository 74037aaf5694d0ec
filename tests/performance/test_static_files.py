"""Static files: hashed names, precompressed with gzip and brotli, cached by browsers for a year."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

HASHED_CSS = re.compile(r"^site\.[0-9a-f]{12}\.css$")
ONE_YEAR = 60 * 60 * 24 * 365


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
    assert f"max-age={ONE_YEAR}" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert not response.cookies
    b"".join(response.streaming_content)
    response.close()
