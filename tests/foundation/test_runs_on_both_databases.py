"""The home page answers on whichever database DATABASE_URL names (SQLite by default)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings


def test_home_page_answers_200(client, content):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Therapies, explained" in response.content
    assert b"EMDR" in response.content


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite only"
)
def test_sqlite_uses_wal_and_immediate_transactions(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert settings.DATABASES["default"]["OPTIONS"]["timeout"] > 0


@override_settings(SECURE_SSL_REDIRECT=True)
def test_forwarded_proto_from_the_proxy_prevents_redirect_loop(client, content):
    assert client.get("/").status_code == 301
    response = client.get("/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
