"""Marks a whole test folder at once, from that folder's conftest.py."""

from pathlib import Path

import pytest


def mark_folder(items, conftest_file: str, mark: pytest.MarkDecorator) -> None:
    """Add `mark` to every collected test under the folder of `conftest_file`."""
    folder = Path(conftest_file).parent
    for item in items:
        if folder in item.path.parents:
            item.add_marker(mark)
