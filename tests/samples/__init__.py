"""The project's own sample files (hostile Markdown, search relevance rows, crisis searches).

They live in the repository so the suite runs in a fresh clone with nothing beside it. When a
`shared/eval` folder sits next to the checkout, its files of the same name add their rows too.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_EVAL = HERE.parent.parent.parent / "shared" / "eval"


def sample_texts(name: str) -> list[str]:
    """The text of our own copy of `name`, then of the shared one when that folder exists."""
    paths = [HERE / name, SHARED_EVAL / name]
    return [path.read_text(encoding="utf-8") for path in paths if path.is_file()]


def tsv_rows(name: str) -> list[tuple[str, ...]]:
    """Tab-separated rows of `name` (comments and blank lines skipped), each row once."""
    rows = []
    for text in sample_texts(name):
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                row = tuple(line.split("\t"))
                if row not in rows:
                    rows.append(row)
    return rows


def xss_samples() -> list[str]:
    """Hostile Markdown entries, separated in the files by a line holding only %%%, each once."""
    samples = []
    for text in sample_texts("xss_markdown.txt"):
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
        for sample in (part.strip() for part in body.split("\n%%%\n")):
            if sample and sample not in samples:
                samples.append(sample)
    return samples
