"""Shared fixtures: the curated content, users in each role, and the shared eval samples."""

from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture
def content(db):
    """The curated Markdown content, loaded as `make run` loads it."""
    call_command("loadcontent", verbosity=0)


@pytest.fixture
def transactional_content(transactional_db):
    call_command("loadcontent", verbosity=0)
