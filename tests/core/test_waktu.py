from __future__ import annotations

from decimal import Decimal

import pytest

from sopap.core import waktu
from sopap.core.waktu import Calendar, Unit


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("5 menit", "5", Unit.MENIT),
        ("3jam", "3", Unit.JAM),
        ("1 Minggu", "1", Unit.MINGGU),
        ("30 Menit", "30", Unit.MENIT),
        ("2hari", "2", Unit.HARI),
        ("0,5 jam", "0.5", Unit.JAM),
        ("1.5 jam", "1.5", Unit.JAM),
        ("6 bulan", "6", Unit.BULAN),
        ("1 tahun", "1", Unit.TAHUN),
        ("45 detik", "45", Unit.DETIK),
        ("14 hari kerja", "14", Unit.HARI),
        ("  2  HARI ", "2", Unit.HARI),
    ],
)
def test_every_form_seen_in_the_seeds_is_read(text: str, amount: str, unit: Unit) -> None:
    parsed = waktu.parse(text)
    assert parsed.amount == Decimal(amount)
    assert parsed.unit == unit
    assert parsed.summable


@pytest.mark.parametrize("text", ["Setiap hari", "Sesuai kondisi lapangan", "setiap saat", "Tentatif"])
def test_answers_that_name_no_amount_are_valid_but_not_summable(text: str) -> None:
    parsed = waktu.parse(text)
    assert not parsed.summable
    with pytest.raises(waktu.WaktuError) as info:
        parsed.seconds()
    assert "tidak dapat dijumlahkan" in info.value.message


def test_a_range_promises_its_upper_bound() -> None:
    parsed = waktu.parse("1-2 hari")
    assert parsed.amount == 2 and parsed.low == 1


@pytest.mark.parametrize("text", ["cepat", "5", "lima menit", "3 jm", "", "2 hari 3 jam ??"])
def test_unreadable_waktu_gets_a_message_with_examples(text: str) -> None:
    with pytest.raises(waktu.WaktuError) as info:
        waktu.parse(text)
    assert "menit" in info.value.message


def test_a_working_day_is_seven_and_a_half_hours_and_a_week_five_days() -> None:
    assert waktu.parse("1 hari").seconds() == Decimal(7.5 * 3600)
    assert waktu.parse("1 minggu").seconds() == 5 * waktu.parse("1 hari").seconds()


def test_the_working_calendar_can_be_changed() -> None:
    eight_hours = Calendar(hours_per_day=Decimal(8), days_per_week=Decimal(6))
    assert waktu.parse("1 minggu").seconds(eight_hours) == 6 * 8 * 3600


def test_durations_read_as_a_person_says_them() -> None:
    seconds = 12 * 7.5 * 3600 + 4 * 3600 + 35 * 60
    assert waktu.humanize(Decimal(seconds)) == "12 hari 4 jam 35 menit"
    assert waktu.humanize(Decimal(seconds), lang="en") == "12 days 4 hours 35 minutes"
    assert waktu.humanize(Decimal(3600), lang="en") == "1 hour"
    assert waktu.humanize(0) == "0 menit"


def test_hours_beyond_a_working_day_roll_over_into_days() -> None:
    assert waktu.humanize(waktu.parse("8 jam").seconds()) == "1 hari 30 menit"
