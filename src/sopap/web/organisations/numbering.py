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


def has_year(pattern: str) -> bool:
    """Whether numbers of ``pattern`` name their year, so that a counter per year can tell them apart."""
    try:
        return any(name == "tahun" for _text, name, _spec, _conv in string.Formatter().parse(pattern or ""))
    except ValueError:
        return False


def parse_nomor(pattern: str, nomor: str) -> tuple[int, int | None] | None:
    """The `urut` and the `tahun` (None when the pattern has none) of an existing number written with
    ``pattern``, or None when it doesn't match."""
    if not pattern or "{urut" not in pattern:
        return None
    regex = ""
    seen: set[str] = set()
    try:
        for literal, field_name, _spec, _conv in string.Formatter().parse(pattern):
            regex += re.escape(literal)
            # {urut} twice names its group twice, which re refuses: such a number is not read.
            if field_name == "urut" or (field_name == "tahun" and field_name not in seen):
                regex += rf"(?P<{field_name}>\d+)"
                seen.add(field_name)
            elif field_name is not None:
                regex += r".*?"
        match = re.fullmatch(regex, nomor.strip())
    except (ValueError, re.error):  # a pattern from before the checks (e.g. {urut} twice)
        return None
    if not match:
        return None
    tahun = match.groupdict().get("tahun")
    return int(match.group("urut")), int(tahun) if tahun else None


def parse_urut(pattern: str, nomor: str) -> int | None:
    """The `urut` of an existing number written with ``pattern``, or None when it doesn't match."""
    parsed = parse_nomor(pattern, nomor)
    return parsed[0] if parsed else None


def restarts_yearly(pd: Any) -> bool:
    """Whether the PD's counter starts again each year: its setting, where its pattern has the year."""
    return bool(pd.nomor_ulang_tahunan) and has_year(pd.pola_nomor)


# A nomor is printed in the identity sheet's Nomor cell and stored in 120 characters; the pattern itself,
# and the width of a number in it (`{urut:03}`), stay small enough that no pattern can make a huge nomor.
PATTERN_MAX_LENGTH = 80
NOMOR_MAX_LENGTH = 120
WIDTH_MAX = 6
_NUMBER_SPEC = re.compile(rf"0?[1-{WIDTH_MAX}]?")


def validate_pattern(pattern: str) -> list[str]:
    problems: list[str] = []
    if len(pattern) > PATTERN_MAX_LENGTH:
        return [
            _("pola terlalu panjang: %(length)s karakter, paling banyak %(max)s")
            % {"length": len(pattern), "max": PATTERN_MAX_LENGTH}
        ]
    try:
        parts = [
            (f, spec or "", conv)
            for _text, f, spec, conv in string.Formatter().parse(pattern)
            if f is not None
        ]
    except ValueError:
        return [_("kurung kurawal { } tidak berpasangan")]
    names = [name for name, _spec, _conv in parts]
    for name, spec, conversion in parts:
        if name not in FIELDS:
            problems.append(_("isian {%(name)s} tidak dikenal") % {"name": name})
        elif conversion or (spec and (name not in {"urut", "tahun"} or not _NUMBER_SPEC.fullmatch(spec))):
            problems.append(
                _(
                    "format {%(name)s:%(spec)s} tidak dikenal: hanya lebar angka seperti {urut:02} atau {urut:3}"
                )
                % {"name": name, "spec": spec}
            )
    if "urut" not in names:
        problems.append(_("{urut} wajib ada"))
    elif names.count("urut") > 1:
        problems.append(_("{urut} hanya boleh sekali"))
    if not problems and len(example(pattern)) > NOMOR_MAX_LENGTH:
        problems.append(_("nomor yang dihasilkan lebih dari %(max)s karakter") % {"max": NOMOR_MAX_LENGTH})
    return problems


def example(pattern: str, **values: Any) -> str:
    defaults: dict[str, Any] = {
        "kode_pd": "12",
        "kode_unit": "01",
        "singkatan": "DKISP",
        "urut": 1,
        "tahun": 2025,
    }
    defaults.update(values)
    return format_nomor(pattern, **defaults)
