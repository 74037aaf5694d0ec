"""`manage.py backup` writes a consistent copy that restores into a fresh database with everything in it."""

import sqlite3
import subprocess
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from modalities.models import SLUGS, Modality


def restored_counts_sqlite(path):
    with sqlite3.connect(path) as db:
        articles = {row[0] for row in db.execute("SELECT slug FROM articles_article")}
        modalities = {row[0] for row in db.execute("SELECT slug FROM modalities_modality")}
    return articles, modalities


def restored_counts_postgresql(path):
    settings = connection.settings_dict
    fresh = f"restore_{uuid.uuid4().hex[:8]}"
    conninfo = dict(
        host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, user=settings["USER"]
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'CREATE DATABASE "{fresh}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "-h", conninfo["host"], "-p", str(conninfo["port"]),
             "-U", conninfo["user"], "-d", fresh, str(path)],
            check=True, capture_output=True,
        )  # fmt: skip
        with psycopg.connect(dbname=fresh, **conninfo) as db:
            articles = {row[0] for row in db.execute("SELECT slug FROM articles_article")}
            modalities = {row[0] for row in db.execute("SELECT slug FROM modalities_modality")}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
    return articles, modalities


def test_backup_restores_every_article_and_explainer(transactional_content, tmp_path):
    call_command("backup", "--output", str(tmp_path), verbosity=0)
    backups = list(tmp_path.iterdir())
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o077 == 0, "backups hold personal data: owner-only"
    if connection.vendor == "sqlite":
        articles, modalities = restored_counts_sqlite(backups[0])
    elif connection.vendor == "postgresql":
        articles, modalities = restored_counts_postgresql(backups[0])
    else:
        pytest.fail(f"no restore check for {connection.vendor}")
    assert articles == set(Article.objects.values_list("slug", flat=True))
    assert modalities == set(Modality.objects.values_list("slug", flat=True))
    assert len(articles) >= 10 and len(modalities) == len(SLUGS)
