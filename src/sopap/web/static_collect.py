"""Collecting the static files for production (`sopap serve` does it before it listens).

Done on start rather than as a separate step: the collected files then always belong to the code that runs,
also after an upgrade that nobody followed with `collectstatic`. Collecting takes a few seconds (every file is
hashed and compressed); a start that finds the same source files as last time skips it.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

from sopap.web.shared.locks import file_lock

STAMP = ".sopap-collected"


def sources_fingerprint() -> str:
    """A digest of every file collectstatic would copy (its name, size and time of change) and the storage."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    entries: list[str] = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def collect() -> bool:
    """Collect into STATIC_ROOT unless it already holds these sources; True when it collected.

    Under a file lock, so two servers starting on one data directory do not write the same files at once.
    """
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with file_lock(root.parent / "static.collect-lock"):
        fingerprint = sources_fingerprint()
        stamp = root / STAMP
        manifest = root / "staticfiles.json"
        if manifest.is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
            return False
        stamp.unlink(missing_ok=True)
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
        stamp.write_text(fingerprint)
        return True
