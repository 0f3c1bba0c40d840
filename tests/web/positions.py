"""Officers of a PD who hold a position (for the tests of sosialisasi: who is asked to read an SOP)."""

from __future__ import annotations

from typing import Any


def officer(username: str, pd: Any, *, jabatan: str = "", lain: str = "") -> Any:
    """An account holding the pegawai role in ``pd`` with the PD's position ``jabatan`` or one typed by hand
    (``lain``)."""
    from sopap.web.organisations.models import Jabatan, Role
    from sopap.web.organisations.services import membership_create, user_create

    user = user_create(username=username, password=f"pw-{username}-123", full_name=username.title())
    position = Jabatan.objects.get(pd=pd, nama=jabatan) if jabatan else None
    membership_create(user=user, role=Role.PEGAWAI, pd=pd, jabatan=position, jabatan_lain=lain)
    return user


def sop_staff(world: Any) -> dict[str, Any]:
    """Three officers the test SOP names as actors (by the PD's position, by one of its other names, by a
    position typed by hand in other letters), one it does not name, and one of the same position in
    another PD."""
    return {
        "bendahara": officer("bendahara", world.pd, jabatan="Bendahara Pengeluaran"),
        "kasubag": officer("kasubag", world.pd, jabatan="Kepala Sub Bagian Keuangan"),
        "pptk": officer("pptk", world.pd, lain="  pptk. "),
        "pelaksana": officer("pelaksana", world.pd, jabatan="Pelaksana"),
        "other": officer("other_bendahara", world.other_pd, lain="Bendahara Pengeluaran"),
    }
