"""Fast, isolated test profile: production settings with test-only conveniences on top."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
# Each test process has its own var/ (database, search index, static files): with pytest-xdist the
# workers inherit the controller's environment, and must not share or remove one another's files.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER or "DJANGO_VAR_DIR" not in os.environ:
    os.environ["DJANGO_VAR_DIR"] = tempfile.mkdtemp(prefix=f"healing-paths-test-{_WORKER}")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
SECURE_SSL_REDIRECT = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MODERATOR_EMAILS = ["moderators@example.org"]
AXES_ENABLED = False
VOLUNTEER_MIN_FILL_SECONDS = 0
VOLUNTEER_RATE_LIMIT = 0  # tests of the limit set their own; others submit the form freely
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
