"""Reading an organisation file of either kind by its name: the YAML of :mod:`sopap.core.organisation` or
the workbook of :mod:`sopap.core.organisation_xlsx` (which builds on the first, so the choice lives above
both)."""

from __future__ import annotations

from pathlib import Path

from sopap.core.i18n import Text, Verbatim
from sopap.core.organisation import (
    MAX_FILE_BYTES,
    SUFFIXES,
    OrgFileInvalid,
    OrgSource,
    Problem,
    read_org_text,
)
from sopap.core.organisation_xlsx import read_org_xlsx


def read_org_path(path: str | Path) -> OrgSource:
    """Read an organisation file: `.org.yaml` (or `.yml`) or the workbook of `sopap org-template` (`.xlsx`)."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OrgFileInvalid(
            [
                Problem(
                    Verbatim(name),
                    Text("berkas tidak dapat dibaca: {problem}", problem=Verbatim(exc.strerror or str(exc))),
                )
            ],
            path=name,
        ) from None
    if path.name.lower().endswith(".xlsx"):
        return read_org_xlsx(raw, path=name)
    if len(raw) > MAX_FILE_BYTES:
        raise OrgFileInvalid(
            [Problem(Verbatim(name), Text("berkas terlalu besar: paling besar 2 MB"))], path=name
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OrgFileInvalid([Problem(Verbatim(name), Text("bukan teks UTF-8"))], path=name) from None
    return read_org_text(text, path=name)


def is_org_file(path: Path) -> bool:
    return path.name.lower().endswith((*SUFFIXES, ".xlsx"))


# ---------------------------------------------------------------------------------------------- schema
