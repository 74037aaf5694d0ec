"""Fast, isolated test profile: production settings with test-only conveniences on top."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_VAR_DIR", tempfile.mkdtemp(prefix="healing-paths-test-"))

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
