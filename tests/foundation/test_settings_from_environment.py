"""Settings come from the environment; production refuses to start without what it needs."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import crisis_lines
from config.env import env_bool, env_int, env_json, env_list
from tests import child_process
from tests.child_process import clean_env

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-like-secret-key-0123456789-abcdefghijkl",
    "DJANGO_ALLOWED_HOSTS": "healing.example.org",
}


def run_manage(*args, env_overrides=None, tmp_path=None):
    variables = {"DJANGO_VAR_DIR": str(tmp_path)} if tmp_path is not None else {}
    return child_process.run_manage(*args, env=clean_env(**{**variables, **(env_overrides or {})}))


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run_manage("check", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_is_off_unless_set(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        env_overrides=PRODUCTION_ENV,
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_production_profile_passes_check_deploy(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides=PRODUCTION_ENV,
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_allowed_hosts_and_database_url_are_read(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.ALLOWED_HOSTS); print(settings.DATABASES['default']['ENGINE'])"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        env_overrides={
            **PRODUCTION_ENV,
            "DJANGO_ALLOWED_HOSTS": "a.example, b.example",
            "DATABASE_URL": "postgres://u@127.0.0.1:1/x",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "['a.example', 'b.example']" in result.stdout
    assert "postgresql" in result.stdout


def test_bad_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env_bool("DJANGO_DEBUG")


def test_env_helpers_parse_values(monkeypatch):
    monkeypatch.setenv("X_LIST", " a, ,b ")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_JSON", '[{"call": "988"}]')
    assert env_list("X_LIST", []) == ["a", "b"]
    assert env_int("X_INT", 1) == 42
    assert env_json("X_JSON", None) == [{"call": "988"}]
    monkeypatch.setenv("X_INT", "many")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env_int("X_INT", 1)


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "redis:/typo", "file:///tmp/cache"])
def test_an_unknown_cache_url_scheme_refuses_to_start_naming_the_variable(tmp_path, url):
    """A cache URL we cannot honour must not quietly become per-process memory."""
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "DJANGO_CACHE_URL": url}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DJANGO_CACHE_URL" in result.stderr


@pytest.mark.parametrize(
    ("url", "backend"),
    [("locmem://", "LocMemCache"), ("redis://127.0.0.1:1/0", "RedisCache")],
)
def test_known_cache_url_schemes_are_used(tmp_path, url, backend):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['pages']['BACKEND'])",
        env_overrides={**PRODUCTION_ENV, "DJANGO_CACHE_URL": url},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].endswith(backend)


def test_crisis_lines_per_language_are_read_and_spanish_has_defaults(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(sorted(settings.CRISIS_LINES_BY_LANGUAGE)); "
        "print(len(settings.CRISIS_LINES_BY_LANGUAGE['es']))"
    )
    default = run_manage("shell", "-c", code, env_overrides=PRODUCTION_ENV, tmp_path=tmp_path)
    assert default.returncode == 0, default.stderr
    spanish_defaults = str(len(crisis_lines.CRISIS_LINES_BY_LANGUAGE["es"]))
    assert default.stdout.strip().splitlines()[-2:] == ["['es']", spanish_defaults]
    configured = run_manage(
        "shell",
        "-c",
        code,
        env_overrides={
            **PRODUCTION_ENV,
            "SITE_CRISIS_LINES_BY_LANGUAGE": '{"es": [{"name": "Línea", "call": "112"}], "fr": []}',
        },
        tmp_path=tmp_path,
    )
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.strip().splitlines()[-2:] == ["['es', 'fr']", "1"]
