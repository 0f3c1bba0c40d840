"""SOP numbers from a Perangkat Daerah's pattern, e.g. `{kode_pd}.{kode_unit}.{urut:02}.{tahun}`
(Serang: 12.01.31.2019) or `800/DKISP/{urut}/{tahun}` (Boalemo)."""

from __future__ import annotations

import re
import string
from typing import Any

from django.utils.translation import gettext as _

FIELDS = ("kode_pd", "kode_unit", "singkatan", "urut", "tahun")


def format_nomor(pattern: str, *, kode_pd: str, kode_unit: str, singkatan: str, urut: int, tahun: int) -> str:
    return pattern.format(kode_pd=kode_pd, kode_unit=kode_unit, singkatan=singkatan, urut=urut, tahun=tahun)


def parse_urut(pattern: str, nomor: str) -> int | None:
    """The `urut` of an existing number written with ``pattern``, or None when it doesn't match."""
    if not pattern or "{urut" not in pattern:
        return None
    regex = ""
    for literal, field_name, _spec, _conv in string.Formatter().parse(pattern):
        regex += re.escape(literal)
        if field_name == "urut":
            regex += r"(?P<urut>\d+)"
        elif field_name is not None:
            regex += r".*?"
    match = re.fullmatch(regex, nomor.strip())
    return int(match.group("urut")) if match else None


def validate_pattern(pattern: str) -> list[str]:
    problems: list[str] = []
    try:
        names = [f for _text, f, _spec, _conversion in string.Formatter().parse(pattern) if f is not None]
    except ValueError:
        return [_("kurung kurawal { } tidak berpasangan")]
    for name in names:
        if name not in FIELDS:
            problems.append(_("isian {%(name)s} tidak dikenal") % {"name": name})
    if "urut" not in names:
        problems.append(_("{urut} wajib ada"))
    return problems


def example(pattern: str, **values: Any) -> str:
    defaults: dict[str, Any] = {"kode_pd": "12", "kode_unit": "01", "singkatan": "DKISP", "urut": 1, "tahun": 2025}
    defaults.update(values)
    return format_nomor(pattern, **defaults)
