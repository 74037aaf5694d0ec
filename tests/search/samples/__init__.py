"""The project's own search samples (tab-separated files beside this module), kept in the repository."""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent


def read_tsv(name_or_path) -> list[tuple[str, ...]]:
    """Rows of a sample file, without comments and blank lines; a bare name is looked up here."""
    path = Path(name_or_path)
    if not path.is_absolute():
        path = SAMPLES / path
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows
