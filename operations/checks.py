"""`check --deploy` warns when the folder of personal data, or the SQLite database, is open to other
local users: new installs create them owner-only (config/private_paths.py), older ones may not be."""

import stat
from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import connections

OTHERS_MAY_ACCESS = stat.S_IRWXG | stat.S_IRWXO


def _open_to_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & OTHERS_MAY_ACCESS)
    except OSError:
        return False


@register(Tags.security, deploy=True)
def check_private_paths(app_configs, **kwargs):
    paths = [(Path(settings.VAR_DIR), "700")]
    database = connections["default"].settings_dict
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) != ":memory:":
        paths.append((Path(database["NAME"]), "600"))
    return [
        Warning(
            f"{path} can be read by other users of this machine; it holds volunteers' personal data.",
            hint=f"chmod {mode} {path}"
            + (" (and the same for its -wal and -shm files)" if mode == "600" else ""),
            id="operations.W001",
        )
        for path, mode in paths
        if _open_to_others(path)
    ]
