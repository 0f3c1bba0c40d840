"""Mutu Baku `waktu`: parsing the forms people write, and adding them up in working time.

The seeds write `5 menit`, `3jam`, `1 Minggu`, `30 Menit`, `2hari`, `0,5 jam`; also `Setiap hari` and
`Sesuai kondisi lapangan`, which are valid answers but not amounts: they are recognised and reported as
not summable rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sopap.core.errors import SopapError
from sopap.core.i18n import Nn_, Text, trn


class Unit(StrEnum):
    DETIK = "detik"
    MENIT = "menit"
    JAM = "jam"
    HARI = "hari"
    MINGGU = "minggu"
    BULAN = "bulan"
    TAHUN = "tahun"


_UNIT_WORDS: dict[str, Unit] = {
    "detik": Unit.DETIK,
    "dtk": Unit.DETIK,
    "second": Unit.DETIK,
    "seconds": Unit.DETIK,
    "menit": Unit.MENIT,
    "mnt": Unit.MENIT,
    "minute": Unit.MENIT,
    "minutes": Unit.MENIT,
    "min": Unit.MENIT,
    "jam": Unit.JAM,
    "hour": Unit.JAM,
    "hours": Unit.JAM,
    "hari": Unit.HARI,
    "hari kerja": Unit.HARI,
    "hk": Unit.HARI,
    "day": Unit.HARI,
    "days": Unit.HARI,
    "minggu": Unit.MINGGU,
    "pekan": Unit.MINGGU,
    "week": Unit.MINGGU,
    "weeks": Unit.MINGGU,
    "bulan": Unit.BULAN,
    "month": Unit.BULAN,
    "months": Unit.BULAN,
    "tahun": Unit.TAHUN,
    "year": Unit.TAHUN,
    "years": Unit.TAHUN,
}

# Answers that are legitimate in a Mutu Baku cell but name no amount of time.
_NOT_AN_AMOUNT = re.compile(
    r"^(setiap|tiap|sesuai|menyesuaikan|tergantung|kondisional|insidental|situasional|tentatif|"
    r"berkala|rutin|sewaktu|selama|sampai|hingga)\b",
    re.IGNORECASE,
)

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_AMOUNT = re.compile(
    rf"^{_NUMBER}(?:\s*(?:-|–|s/d|sampai|hingga)\s*{_NUMBER})?\s*([a-z]+(?:\s+kerja)?)\.?$",
    re.IGNORECASE,
)


class WaktuError(SopapError):
    """A `waktu` that cannot be read."""


@dataclass(frozen=True)
class Calendar:
    """Working time: how long a working day, week, month and year are. Agencies can change these."""

    hours_per_day: Decimal = Decimal("7.5")
    days_per_week: Decimal = Decimal(5)
    days_per_month: Decimal = Decimal(22)
    months_per_year: Decimal = Decimal(12)

    def seconds(self, unit: Unit) -> Decimal:
        day = self.hours_per_day * 3600
        return {
            Unit.DETIK: Decimal(1),
            Unit.MENIT: Decimal(60),
            Unit.JAM: Decimal(3600),
            Unit.HARI: day,
            Unit.MINGGU: day * self.days_per_week,
            Unit.BULAN: day * self.days_per_month,
            Unit.TAHUN: day * self.days_per_month * self.months_per_year,
        }[unit]


DEFAULT_CALENDAR = Calendar()


@dataclass(frozen=True)
class Waktu:
    """A parsed `waktu`. ``amount`` is None when the text is valid but not an amount (`Setiap hari`).

    For a range such as `1-2 hari` ``amount`` is the upper bound (the standard promises the longest)
    and ``low`` the lower one.
    """

    text: str
    amount: Decimal | None
    unit: Unit | None
    low: Decimal | None = None

    @property
    def summable(self) -> bool:
        return self.amount is not None

    def seconds(self, calendar: Calendar = DEFAULT_CALENDAR) -> Decimal:
        if self.amount is None or self.unit is None:
            raise WaktuError(
                Text("waktu “{text}” bukan jumlah waktu, tidak dapat dijumlahkan", text=self.text)
            )
        return self.amount * calendar.seconds(self.unit)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def parse(text: str) -> Waktu:
    """Read a `waktu` cell. Raises :class:`WaktuError` with a hint when it cannot be read."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise WaktuError(Text("waktu kosong; {hint}", hint=_HINT))
    if _NOT_AN_AMOUNT.match(cleaned):
        return Waktu(text=cleaned, amount=None, unit=None)
    match = _AMOUNT.match(cleaned)
    if match:
        first, second, unit_word = match.groups()
        unit = _UNIT_WORDS.get(unit_word.lower())
        if unit is not None:
            try:
                low = _decimal(first)
                high = _decimal(second) if second else None
            except InvalidOperation:  # pragma: no cover - the regex admits only digits
                high = low = None
            if low is not None:
                if high is not None and high < low:
                    low, high = high, low
                return Waktu(
                    text=cleaned,
                    amount=high if high is not None else low,
                    unit=unit,
                    low=low if high is not None else None,
                )
    raise WaktuError(Text("waktu “{text}” tidak dapat dibaca; {hint}", text=cleaned, hint=_HINT))


_HINT = Text("tulis angka dan satuan, mis. 30 menit, 2 jam, 3 hari, 1 minggu, 6 bulan")


def humanize(seconds: Decimal | int, calendar: Calendar = DEFAULT_CALENDAR, *, lang: str = "id") -> str:
    """Working time as a person reads it: `12 hari 4 jam 35 menit` (`12 days 4 hours 35 minutes`)."""
    total = int(Decimal(seconds).to_integral_value())
    day = int(calendar.seconds(Unit.HARI))
    days, rest = divmod(total, day)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        trn(*_UNIT_NAMES[key], value, lang)
        for key, value in (("hari", days), ("jam", hours), ("menit", minutes), ("detik", secs))
        if value
    ]
    return " ".join(parts) if parts else trn(*_UNIT_NAMES["menit"], 0, lang)


_UNIT_NAMES = {
    "hari": Nn_("{count} hari", "{count} hari"),
    "jam": Nn_("{count} jam", "{count} jam"),
    "menit": Nn_("{count} menit", "{count} menit"),
    "detik": Nn_("{count} detik", "{count} detik"),
}
