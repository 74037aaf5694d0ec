"""How a benchmark reports its targets: one line each, met or missed.

The missed ones are kept, so the benchmark can exit with status 1.
"""


def check(label: str, ok: bool, failures: list[str]) -> None:
    print(f"  {'met    ' if ok else 'MISSED '} {label}")
    if not ok:
        failures.append(label)
