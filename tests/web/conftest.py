"""Fixtures for the web application's tests: a small Pemda with two Perangkat Daerah and one user per role."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sopap.web.settings")
os.environ.setdefault("SOPAP_DATA_DIR", tempfile.mkdtemp(prefix="sopap-test-"))

import django

# pyproject's pytest options belong to the whole project, so Django is set up here, for tests/web only.
django.setup()


def _flush_with_the_audit_trail_unlocked() -> None:
    """Transactional tests empty every table after each test; on SQLite that is a DELETE, which the audit
    trail's triggers refuse, so the test flush unlocks them for its own transaction (as an operator's
    deliberate purge would). PostgreSQL's flush is a TRUNCATE, which row triggers never see."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from sopap.web.shared.audit import UNLOCK_TABLE

    operations = DatabaseWrapper.ops_class
    original = operations.sql_flush

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements = original(self, style, tables, **kwargs)
        if not statements:
            return statements
        return [
            f"INSERT OR IGNORE INTO {UNLOCK_TABLE} (id) VALUES (1)",
            *statements,
            f"DELETE FROM {UNLOCK_TABLE}",
        ]

    operations.sql_flush = sql_flush  # type: ignore[method-assign]


_flush_with_the_audit_trail_unlocked()

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

SOP_DATA: dict[str, Any] = {
    "nama": "Mekanisme Penyusunan SPJ",
    "tanggal_pembuatan": "2019-04-08",
    "dasar_hukum": ["PP Nomor 58 Tahun 2005 tentang Pengelolaan Keuangan Daerah"],
    "pelaksana": ["PPTK", "Bendahara Pengeluaran", "Kasubag Keuangan"],
    "langkah": [
        {
            "kegiatan": "Penyerahan SPJ",
            "pelaksana": "PPTK",
            "kelengkapan": "SPJ",
            "waktu": "1 jam",
            "output": "SPJ dikirim",
        },
        {
            "kegiatan": "Penerimaan SPJ",
            "pelaksana": "Bendahara Pengeluaran",
            "kelengkapan": "SPJ dikirim",
            "waktu": "1 jam",
            "output": "SPJ diterima",
        },
        {
            "kegiatan": "Verifikasi SPJ",
            "pelaksana": "Kasubag Keuangan",
            "keputusan": {"ya": 4, "tidak": 2},
            "kelengkapan": "SPJ diterima",
            "waktu": "1 jam",
            "output": "SPJ diverifikasi",
        },
        {
            "kegiatan": "Input SPJ",
            "pelaksana": "Bendahara Pengeluaran",
            "kelengkapan": "SPJ diverifikasi",
            "waktu": "1 jam",
            "output": "SPJ diinput",
        },
        {
            "kegiatan": "Penggandaan dan Pengarsipan",
            "pelaksana": "Bendahara Pengeluaran",
            "kelengkapan": "SPJ diinput",
            "waktu": "1 jam",
            "output": "SPJ diarsipkan",
        },
    ],
}


@dataclass
class World:
    pemda: Any
    pd: Any
    other_pd: Any
    unit: Any
    users: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None


@pytest.fixture
def world(db: Any) -> World:
    from sopap.web.organisations.models import Jabatan, PerangkatDaerah, Role, Unit
    from sopap.web.organisations.services import (
        membership_create,
        org_import,
        user_create,
        verification_chain_set,
    )

    pemda = org_import(
        text=(EXAMPLES / "organisasi" / "serang-diskominfo.org.yaml").read_text(encoding="utf-8")
    )
    pd = PerangkatDaerah.objects.get(nama="Dinas Komunikasi dan Informatika Kota Serang")
    other = PerangkatDaerah.objects.create(
        pemda=pemda, nama="Dinas Kesehatan Kota Serang", kode="07", pola_nomor="800/DINKES/{urut}/{tahun}"
    )
    other_sekretariat = Unit.objects.create(pd=other, nama="Sekretariat", kode="01")
    kasubag = Jabatan.objects.get(pd=pd, nama="Kepala Sub Bagian Program, Evaluasi dan Pelaporan")
    sekretaris = Jabatan.objects.get(pd=pd, nama="Sekretaris")
    other_sekretaris = Jabatan.objects.create(pd=other, unit=other_sekretariat, nama="Sekretaris")
    verification_chain_set(pd=pd, jabatan=[kasubag, sekretaris])
    verification_chain_set(pd=other, jabatan=[other_sekretaris])
    unit = Unit.objects.get(pd=pd, nama="Sub Bagian Keuangan")
    # The tests of everything else approve right after verification; tests/web/workflow/test_trial.py
    # turns the trial on.
    PerangkatDaerah.objects.filter(pk__in=[pd.pk, other.pk]).update(uji_coba_wajib=False)
    pd.refresh_from_db()
    other.refresh_from_db()

    def make(username: str, role: str, **where: Any) -> Any:
        user = user_create(username=username, password=f"pw-{username}-123", full_name=username.title())
        membership_create(user=user, role=role, **where)
        return user

    users = {
        "drafter": make("drafter", Role.PENYUSUN, pd=pd, unit=unit),
        "drafter2": make("drafter2", Role.PENYUSUN, pd=pd, unit=unit),
        "other_drafter": make("other_drafter", Role.PENYUSUN, pd=other, unit=other_sekretariat),
        "verifier1": make("verifier1", Role.VERIFIKATOR, pd=pd, jabatan=kasubag),
        "verifier2": make("verifier2", Role.VERIFIKATOR, pd=pd, jabatan=sekretaris),
        "other_verifier": make("other_verifier", Role.VERIFIKATOR, pd=other, jabatan=other_sekretaris),
        "head": make("head", Role.PENGESAH, pd=pd),
        "other_head": make("other_head", Role.PENGESAH, pd=other),
        "sekda": make("sekda", Role.PENGESAH, pemda=pemda),
        "admin": make("admin", Role.ADMIN, pemda=pemda),
        "auditor": make("auditor", Role.AUDITOR, pemda=pemda),
    }
    return World(pemda=pemda, pd=pd, other_pd=other, unit=unit, users=users)


def fresh(user: Any) -> Any:
    """The same user without cached memberships (as a new request would see it)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def make_sop(world: World) -> Any:
    from sopap.web.authoring.services import sop_create

    def _make(
        *,
        author: Any = None,
        pd: Any = None,
        unit: Any = None,
        data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        pd = pd or world.pd
        if unit is None and pd == world.pd:
            unit = world.unit
        return sop_create(pd=pd, unit=unit, author=author or world.drafter, data=data or SOP_DATA, **kwargs)

    return _make


@pytest.fixture
def to_state(world: World) -> Any:
    """Walk a revision through the workflow up to ``state``."""
    import datetime as dt

    from sopap.web.workflow import services as wf

    def _walk(sop: Any, state: str) -> Any:
        order = ["diajukan", "verified1", "uji_coba", "disahkan", "berlaku"]
        steps = {
            "diajukan": lambda: wf.sop_submit(sop=sop, actor=fresh(world.drafter)),
            "verified1": lambda: wf.verification_approve(sop=sop, actor=fresh(world.verifier1)),
            "uji_coba": lambda: wf.verification_approve(sop=sop, actor=fresh(world.verifier2)),
            "disahkan": lambda: wf.sop_approve(sop=sop, actor=fresh(world.head)),
            "berlaku": lambda: wf.sop_decree(
                sop=sop,
                actor=fresh(world.admin),
                keputusan_nomor="188.45/12/2025",
                keputusan_tanggal=dt.date(2025, 1, 2),
            ),
        }
        for name in order[: order.index(state) + 1]:
            steps[name]()
        sop.refresh_from_db()
        return sop

    return _walk


@pytest.fixture
def in_force_in_other_pd(world: World, make_sop: Any) -> Any:
    """An SOP of the Dinas Kesehatan walked into force by its own drafter, verifier and head."""
    import datetime as dt

    from sopap.web.workflow import services as wf

    def _walk(name: str, *, unit: Any = None) -> Any:
        sop = make_sop(
            pd=world.other_pd, unit=unit, author=world.other_drafter, data={**SOP_DATA, "nama": name}
        )
        wf.sop_submit(sop=sop, actor=fresh(world.other_drafter))
        wf.verification_approve(sop=sop, actor=fresh(world.other_verifier))
        wf.sop_approve(sop=sop, actor=fresh(world.other_head))
        wf.sop_decree(
            sop=sop,
            actor=fresh(world.admin),
            keputusan_nomor="188.45/13/2025",
            keputusan_tanggal=dt.date(2025, 1, 2),
        )
        sop.refresh_from_db()
        return sop

    return _walk


@pytest.fixture
def login(client: Any) -> Any:
    def _login(user: Any) -> Any:
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_page_cache(settings: Any) -> Any:
    """Each test has an empty cache of its own process's memory: the catalog's pages are cached under the
    database's generation, a rolled-back test database counts the same numbers again, and the parallel test
    processes share one SOPAP_DATA_DIR (where the file cache of production lives)."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"sopap-tests-{os.getpid()}",
        }
    }
    caches["default"].clear()
    yield
    caches["default"].clear()
