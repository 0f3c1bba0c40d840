"""What the account writes share: the account log, a role put in words for it, and the check that an
account is the actor's to keep."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sopap.web.organisations.models import Jabatan, Pemda, PerangkatDaerah, Role


def _log(*, action: str, actor: Any, user: Any, detail: str = "") -> None:
    from sopap.web.organisations.models import AccountEvent

    AccountEvent.objects.create(action=action, actor=actor, user=user, detail=detail)


def _role_text(
    role: str,
    pd: PerangkatDaerah | None,
    pemda: Pemda | None,
    jabatan: Jabatan | None,
    jabatan_lain: str = "",
) -> str:
    where = pd.nama if pd is not None else (pemda.nama if pemda is not None else "")
    positions = [jabatan.nama] if jabatan is not None else []
    positions += [jabatan_lain.strip()] if jabatan_lain.strip() else []
    return f"{Role(role).label} — {where}" + (f" ({', '.join(positions)})" if positions else "")


def _require_manageable(*, actor: Any, user: Any) -> None:
    from sopap.web.organisations.selectors import account_manageable
    from sopap.web.shared.errors import PermissionDenied

    if not account_manageable(actor=actor, user=user):
        raise PermissionDenied(_("Akun ini berada di luar wewenang Anda."))
