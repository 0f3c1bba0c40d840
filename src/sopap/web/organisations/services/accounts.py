"""Accounts, kept by the admin organisasi (Bagian Organisasi) of the agencies they administer: a Pemda-wide
admin every account of the Pemda, an admin of one Perangkat Daerah the accounts held there alone."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from sopap.web.organisations.models import Jabatan, Membership, Pemda, PerangkatDaerah, Profile, Role, Unit
from sopap.web.organisations.services._common import _log, _require_manageable, _role_text
from sopap.web.organisations.services.contacts import contact_problems
from sopap.web.organisations.services.structure import membership_create
from sopap.web.shared.errors import DomainError, FieldErrors


def _require_grantable(*, actor: Any, role: str, pd: PerangkatDaerah | None, pemda: Pemda | None) -> None:
    from sopap.web.organisations.selectors import HIGH_ROLES, admin_scope, role_grantable
    from sopap.web.shared.errors import PermissionDenied

    if role_grantable(actor=actor, role=role, pd=pd, pemda=pemda):
        return
    pemda_ids, pd_ids = admin_scope(user=actor)
    if role in HIGH_ROLES and (pemda_ids or pd_ids):
        raise PermissionDenied(
            _(
                "Peran pengesah dan admin diberikan dari lingkup yang lebih luas: admin seluruh pemerintah "
                "daerah untuk satu perangkat daerah, superuser untuk seluruh pemerintah daerah."
            )
        )
    raise PermissionDenied(_("Hanya admin organisasi yang dapat mengatur akun di sini."))


def place_problems(
    *,
    role: str,
    pd: PerangkatDaerah | None,
    unit: Unit | None,
    jabatan: Jabatan | None,
    jabatan_lain: str = "",
) -> dict[str | None, list[str]]:
    """What is wrong with where a role would be held, per field of the role form (all of it at once)."""
    problems: dict[str | None, list[str]] = {}
    if role in {Role.PENYUSUN, Role.VERIFIKATOR} and pd is None:
        problems["tempat"] = [_("Penyusun dan verifikator selalu di satu perangkat daerah.")]
    if role == Role.PEGAWAI:
        if pd is None:
            problems["tempat"] = [_("Pegawai selalu di satu perangkat daerah.")]
        if jabatan is None and not jabatan_lain.strip():
            problems["jabatan"] = [
                _(
                    "Pilih jabatan pegawai ini atau tuliskan jabatannya: SOP yang perlu dibacanya mengikuti jabatan."
                )
            ]
    if unit is not None and (pd is None or unit.pd_id != pd.pk):
        problems["unit"] = [_("Unit tidak berada di perangkat daerah ini.")]
    if jabatan is not None and (pd is None or jabatan.pd_id != pd.pk):
        problems["jabatan"] = [_("Jabatan tidak berada di perangkat daerah ini.")]
    if role == Role.VERIFIKATOR and jabatan is None:
        problems["jabatan"] = [_("Verifikator memerlukan jabatan: tahap verifikasi mengikuti jabatan.")]
    return problems


def _check_place(
    *,
    role: str,
    pd: PerangkatDaerah | None,
    unit: Unit | None,
    jabatan: Jabatan | None,
    jabatan_lain: str = "",
) -> None:
    problems = place_problems(role=role, pd=pd, unit=unit, jabatan=jabatan, jabatan_lain=jabatan_lain)
    if problems:
        raise FieldErrors(problems)


def password_problems(password: str, *, user: Any) -> list[str]:
    """Django's password validators (length, common, numeric, like the username): every one that fails."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def _check_password(password: str, *, user: Any) -> None:
    problems = password_problems(password, user=user)
    if problems:
        raise DomainError(" ".join(problems))


def username_problems(username: str) -> list[str]:
    username = username.strip()
    User = get_user_model()
    if not username:
        return [_("Nama pengguna wajib diisi.")]
    try:
        User.username_validator(username)
    except Exception:
        return [_("Nama pengguna hanya boleh berisi huruf, angka dan tanda @ . + - _ (tanpa spasi).")]
    if User.objects.filter(username__iexact=username).exists():
        return [_("Nama pengguna %(username)s sudah dipakai.") % {"username": username}]
    return []


def account_problems(
    *,
    username: str | None,
    full_name: str,
    password: str | None,
    role: str | None,
    pd: PerangkatDaerah | None = None,
    unit: Unit | None = None,
    jabatan: Jabatan | None = None,
    jabatan_lain: str = "",
    placed: bool = True,
    email: str = "",
    nip: str = "",
) -> dict[str | None, list[str]]:
    """Every problem of a new account at once, per field (a field left out, None, is not checked: its form
    already says what is missing). ``placed`` is False when no place was chosen at all."""
    from sopap.core.organisation import nip_clean

    problems: dict[str | None, list[str]] = contact_problems(email=email.strip(), nip=nip_clean(nip))
    if username is not None and (taken := username_problems(username)):
        problems["username"] = taken
    if password is not None:
        candidate = get_user_model()(username=(username or "").strip(), first_name=full_name.strip())
        if weak := password_problems(password, user=candidate):
            problems["password"] = weak
    if role is not None:
        place = place_problems(role=role, pd=pd, unit=unit, jabatan=jabatan, jabatan_lain=jabatan_lain)
        if not placed:  # only what does not depend on the place: a verifier's missing position
            place = {k: v for k, v in place.items() if k == "jabatan" and jabatan is None}
        problems.update(place)
    return problems


@transaction.atomic
def account_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    password: str,
    role: str,
    pemda: Pemda | None = None,
    pd: PerangkatDaerah | None = None,
    unit: Unit | None = None,
    jabatan: Jabatan | None = None,
    jabatan_lain: str = "",
    email: str = "",
    nip: str = "",
) -> Any:
    """A new account holding ``role`` in ``pd`` (or across ``pemda``), with a first password to hand over,
    and its e-mail address and NIP when known."""
    from sopap.core.organisation import nip_clean

    pemda = pd.pemda if pd is not None else pemda
    _require_grantable(actor=actor, role=role, pd=pd, pemda=pemda)
    problems = account_problems(
        username=username,
        full_name=full_name,
        password=password,
        role=role,
        pd=pd,
        unit=unit,
        jabatan=jabatan,
        jabatan_lain=jabatan_lain,
        email=email,
        nip=nip,
    )
    if problems:
        raise FieldErrors(problems)
    candidate = get_user_model()(username=username.strip(), first_name=full_name.strip(), email=email.strip())
    candidate.set_password(password)
    candidate.save()
    if nip_clean(nip):
        Profile.objects.create(user=candidate, nip=nip_clean(nip))
    membership_create(
        user=candidate, role=role, pemda=pemda, pd=pd, unit=unit, jabatan=jabatan, jabatan_lain=jabatan_lain
    )
    detail = _role_text(role, pd, pemda, jabatan, jabatan_lain)
    _log(action="account.created", actor=actor, user=candidate, detail=detail)
    return candidate


@transaction.atomic
def account_role_add(
    *,
    actor: Any,
    user: Any,
    role: str,
    pemda: Pemda | None = None,
    pd: PerangkatDaerah | None = None,
    unit: Unit | None = None,
    jabatan: Jabatan | None = None,
    jabatan_lain: str = "",
) -> Membership:
    pemda = pd.pemda if pd is not None else pemda
    if user.pk == actor.pk:
        raise DomainError(_("Anda tidak dapat menambah peran pada akun Anda sendiri."))
    _require_manageable(actor=actor, user=user)
    _require_grantable(actor=actor, role=role, pd=pd, pemda=pemda)
    jabatan_lain = " ".join(jabatan_lain.split())
    _check_place(role=role, pd=pd, unit=unit, jabatan=jabatan, jabatan_lain=jabatan_lain)
    held = Membership.objects.filter(
        user=user, pemda=pemda, pd=pd, role=role, jabatan=jabatan, jabatan_lain=jabatan_lain
    )
    if held.exists():
        raise DomainError(_("Akun ini sudah memegang peran itu di sana."))
    membership = membership_create(
        user=user, role=role, pemda=pemda, pd=pd, unit=unit, jabatan=jabatan, jabatan_lain=jabatan_lain
    )
    detail = _role_text(role, pd, pemda, jabatan, jabatan_lain)
    _log(action="account.role_added", actor=actor, user=user, detail=detail)
    return membership


@transaction.atomic
def account_role_remove(*, actor: Any, membership: Membership) -> None:
    _require_manageable(actor=actor, user=membership.user)
    if membership.user_id == actor.pk and membership.role == Role.ADMIN:
        raise DomainError(_("Anda tidak dapat mencabut peran admin Anda sendiri."))
    if Membership.objects.filter(user_id=membership.user_id).count() <= 1:
        raise DomainError(_("Ini peran terakhir akun ini; nonaktifkan akunnya bila tidak dipakai lagi."))
    detail = _role_text(
        membership.role, membership.pd, membership.pemda, membership.jabatan, membership.jabatan_lain
    )
    membership.delete()
    _log(action="account.role_removed", actor=actor, user=membership.user, detail=detail)


@transaction.atomic
def account_set_active(*, actor: Any, user: Any, active: bool) -> Any:
    _require_manageable(actor=actor, user=user)
    if user.pk == actor.pk and not active:
        raise DomainError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    _log(action="account.activated" if active else "account.deactivated", actor=actor, user=user)
    return user


@transaction.atomic
def account_set_password(*, actor: Any, user: Any, password: str) -> Any:
    """A new password set by the admin (the user forgot theirs); every session of the user ends."""
    _require_manageable(actor=actor, user=user)
    _check_password(password, user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    _log(action="account.password_reset", actor=actor, user=user)
    return user


@transaction.atomic
def account_unlock(*, actor: Any, account: Any) -> Any:
    """The admin organisasi lifts a login lock (too many wrong passwords) before its cool-off ends."""
    from sopap.web.organisations.throttle import account_locked, forget_failures

    _require_manageable(actor=actor, user=account)
    if not account_locked(username=account.get_username()):
        raise DomainError(_("Akun ini tidak sedang terkunci."))
    forget_failures(username=account.get_username())
    _log(action="account.unlocked", actor=actor, user=account)
    return account


@transaction.atomic
def account_password_change(*, user: Any, old_password: str, new_password: str) -> Any:
    """The user replaces their own password, knowing the current one; the admin is not needed for it."""
    if not user.check_password(old_password):
        raise DomainError(_("Kata sandi sekarang salah."))
    _check_password(new_password, user=user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _log(action="account.password_changed", actor=user, user=user)
    return user
