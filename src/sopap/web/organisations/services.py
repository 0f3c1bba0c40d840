"""Writes for organisations: loading `.org.yaml` trees, memberships, verification chains."""

from __future__ import annotations

from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from sopap.web.organisations.models import (
    Jabatan,
    Membership,
    PdEvent,
    Pemda,
    PerangkatDaerah,
    Role,
    Unit,
    VerificationStep,
)
from sopap.web.shared.errors import DomainError, FieldErrors


def _jabatan_entries(raw: Any) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for item in raw or []:
        if isinstance(item, str):
            out.append((item.strip(), []))
        elif isinstance(item, dict) and item.get("nama"):
            out.append((str(item["nama"]).strip(), [str(a) for a in item.get("alias") or []]))
    return out


@transaction.atomic
def org_import(*, text: str) -> Pemda:
    """Create or update a Pemda and its Perangkat Daerah from `.org.yaml` text. Idempotent."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not data.get("pemerintah"):
        raise DomainError(_("berkas organisasi harus memuat `pemerintah` dan `perangkat_daerah`"))
    pemda, _created = Pemda.objects.get_or_create(nama=str(data["pemerintah"]).strip())
    for pd_data in data.get("perangkat_daerah") or []:
        kepala = pd_data.get("kepala") or {}
        pd, _created = PerangkatDaerah.objects.update_or_create(
            pemda=pemda,
            nama=str(pd_data["nama"]).strip(),
            defaults={
                "singkatan": str(pd_data.get("singkatan") or ""),
                "kode": str(pd_data.get("kode") or ""),
                "pola_nomor": str(pd_data.get("pola_nomor") or ""),
                "kepala_jabatan": str(kepala.get("jabatan") or ""),
                "kepala_nama": str(kepala.get("nama") or ""),
                "kepala_nip": str(kepala.get("nip") or ""),
            },
        )
        _jabatan_import(pd=pd, unit=None, raw=pd_data.get("jabatan"))
        _units_import(pd=pd, parent=None, raw=pd_data.get("unit"))
    return pemda


def _jabatan_import(*, pd: PerangkatDaerah, unit: Unit | None, raw: Any) -> None:
    for nama, alias in _jabatan_entries(raw):
        Jabatan.objects.update_or_create(pd=pd, nama=nama, defaults={"unit": unit, "alias": alias})


def _units_import(*, pd: PerangkatDaerah, parent: Unit | None, raw: Any) -> None:
    for index, unit_data in enumerate(raw or []):
        unit, _created = Unit.objects.update_or_create(
            pd=pd,
            parent=parent,
            nama=str(unit_data["nama"]).strip(),
            defaults={"kode": str(unit_data.get("kode") or ""), "urutan": index},
        )
        _jabatan_import(pd=pd, unit=unit, raw=unit_data.get("jabatan"))
        _units_import(pd=pd, parent=unit, raw=unit_data.get("unit"))


@transaction.atomic
def verification_chain_set(*, pd: PerangkatDaerah, jabatan: list[Jabatan]) -> list[VerificationStep]:
    """Replace the PD's chain of verifier positions, in order."""
    VerificationStep.objects.filter(pd=pd).delete()
    return [
        VerificationStep.objects.create(pd=pd, urutan=i, jabatan=j) for i, j in enumerate(jabatan, start=1)
    ]


def user_create(*, username: str, password: str, full_name: str = "") -> Any:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created or not user.check_password(password):
        user.set_password(password)
    user.first_name = full_name or user.first_name
    user.save()
    return user


def membership_create(
    *,
    user: Any,
    role: Role | str,
    pemda: Pemda | None = None,
    pd: PerangkatDaerah | None = None,
    unit: Unit | None = None,
    jabatan: Jabatan | None = None,
) -> Membership:
    if pemda is None:
        if pd is None:
            raise DomainError(_("keanggotaan memerlukan pemerintah daerah atau perangkat daerah"))
        pemda = pd.pemda
    if role in {Role.PENYUSUN, Role.VERIFIKATOR} and pd is None:
        raise DomainError(_("penyusun dan verifikator selalu berada di satu perangkat daerah"))
    membership, _created = Membership.objects.get_or_create(
        user=user, pemda=pemda, pd=pd, role=role, jabatan=jabatan, defaults={"unit": unit}
    )
    return membership


@transaction.atomic
def pd_settings_update(
    *,
    pd: PerangkatDaerah,
    actor: Any,
    pola_nomor: str,
    chain: list[Jabatan],
    nomor_ulang_tahunan: bool | None = None,
    uji_coba_wajib: bool | None = None,
) -> PerangkatDaerah:
    """The admin organisasi sets a PD's SOP number pattern (and whether its counter restarts each year;
    None keeps it) and its chain of verifier positions."""
    from sopap.web.organisations.numbering import validate_pattern
    from sopap.web.organisations.selectors import user_has_role
    from sopap.web.shared.errors import PermissionDenied

    if not user_has_role(user=actor, role=Role.ADMIN, pd=pd):
        raise PermissionDenied(_("Hanya admin organisasi yang dapat mengatur perangkat daerah."))
    pola_nomor = pola_nomor.strip()
    if pola_nomor:
        problems = validate_pattern(pola_nomor)
        if problems:
            raise DomainError(_("Pola nomor tidak sah: %(problems)s") % {"problems": "; ".join(problems)})
    if any(j.pd_id != pd.pk for j in chain):
        raise DomainError(_("Jabatan verifikator harus berada di perangkat daerah ini."))
    if len({j.pk for j in chain}) != len(chain):
        raise DomainError(_("Satu jabatan hanya boleh muncul sekali dalam rantai verifikasi."))
    before_chain = " → ".join(step.jabatan.nama for step in pd.verification_steps.select_related("jabatan"))
    after_chain = " → ".join(j.nama for j in chain)
    if pola_nomor != pd.pola_nomor:
        PdEvent.objects.create(
            pd=pd, action="pd.numbering_changed", actor=actor, before=pd.pola_nomor, after=pola_nomor
        )
    if after_chain != before_chain:
        PdEvent.objects.create(
            pd=pd, action="pd.chain_changed", actor=actor, before=before_chain, after=after_chain
        )
    if nomor_ulang_tahunan is not None and nomor_ulang_tahunan != pd.nomor_ulang_tahunan:
        with translation.override("id"):  # the log keeps one language, as the SOPs' own text does
            words = {True: _("diulang dari 1 setiap tahun"), False: _("berlanjut dari tahun ke tahun")}
            before, after = words[pd.nomor_ulang_tahunan], words[nomor_ulang_tahunan]
        PdEvent.objects.create(
            pd=pd, action="pd.numbering_restart_changed", actor=actor, before=before, after=after
        )
        pd.nomor_ulang_tahunan = nomor_ulang_tahunan
    if uji_coba_wajib is not None and uji_coba_wajib != pd.uji_coba_wajib:
        with translation.override("id"):
            words = {True: _("uji coba wajib sebelum pengesahan"), False: _("uji coba tidak wajib")}
            before, after = words[pd.uji_coba_wajib], words[uji_coba_wajib]
        PdEvent.objects.create(
            pd=pd, action="pd.trial_required_changed", actor=actor, before=before, after=after
        )
        pd.uji_coba_wajib = uji_coba_wajib
    pd.pola_nomor = pola_nomor
    pd.save(update_fields=["pola_nomor", "nomor_ulang_tahunan", "uji_coba_wajib"])
    verification_chain_set(pd=pd, jabatan=chain)
    return pd


# ------------------------------------------------------------------------------------------- accounts
# The admin organisasi (Bagian Organisasi) keeps the accounts of the agencies they administer: a Pemda-wide
# admin every account of the Pemda, an admin of one Perangkat Daerah the accounts held there alone.


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


def _log(*, action: str, actor: Any, user: Any, detail: str = "") -> None:
    from sopap.web.organisations.models import AccountEvent

    AccountEvent.objects.create(action=action, actor=actor, user=user, detail=detail)


def _role_text(role: str, pd: PerangkatDaerah | None, pemda: Pemda | None, jabatan: Jabatan | None) -> str:
    where = pd.nama if pd is not None else (pemda.nama if pemda is not None else "")
    return f"{Role(role).label} — {where}" + (f" ({jabatan.nama})" if jabatan is not None else "")


def _require_manageable(*, actor: Any, user: Any) -> None:
    from sopap.web.organisations.selectors import account_manageable
    from sopap.web.shared.errors import PermissionDenied

    if not account_manageable(actor=actor, user=user):
        raise PermissionDenied(_("Akun ini berada di luar wewenang Anda."))


def place_problems(
    *, role: str, pd: PerangkatDaerah | None, unit: Unit | None, jabatan: Jabatan | None
) -> dict[str | None, list[str]]:
    """What is wrong with where a role would be held, per field of the role form (all of it at once)."""
    problems: dict[str | None, list[str]] = {}
    if role in {Role.PENYUSUN, Role.VERIFIKATOR} and pd is None:
        problems["tempat"] = [_("Penyusun dan verifikator selalu di satu perangkat daerah.")]
    if unit is not None and (pd is None or unit.pd_id != pd.pk):
        problems["unit"] = [_("Unit tidak berada di perangkat daerah ini.")]
    if jabatan is not None and (pd is None or jabatan.pd_id != pd.pk):
        problems["jabatan"] = [_("Jabatan tidak berada di perangkat daerah ini.")]
    if role == Role.VERIFIKATOR and jabatan is None:
        problems["jabatan"] = [_("Verifikator memerlukan jabatan: tahap verifikasi mengikuti jabatan.")]
    return problems


def _check_place(
    *, role: str, pd: PerangkatDaerah | None, unit: Unit | None, jabatan: Jabatan | None
) -> None:
    problems = place_problems(role=role, pd=pd, unit=unit, jabatan=jabatan)
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
    placed: bool = True,
) -> dict[str | None, list[str]]:
    """Every problem of a new account at once, per field (a field left out, None, is not checked: its form
    already says what is missing). ``placed`` is False when no place was chosen at all."""
    problems: dict[str | None, list[str]] = {}
    if username is not None and (taken := username_problems(username)):
        problems["username"] = taken
    if password is not None:
        candidate = get_user_model()(username=(username or "").strip(), first_name=full_name.strip())
        if weak := password_problems(password, user=candidate):
            problems["password"] = weak
    if role is not None:
        place = place_problems(role=role, pd=pd, unit=unit, jabatan=jabatan)
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
) -> Any:
    """A new account holding ``role`` in ``pd`` (or across ``pemda``), with a first password to hand over."""
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
    )
    if problems:
        raise FieldErrors(problems)
    candidate = get_user_model()(username=username.strip(), first_name=full_name.strip())
    candidate.set_password(password)
    candidate.save()
    membership_create(user=candidate, role=role, pemda=pemda, pd=pd, unit=unit, jabatan=jabatan)
    _log(action="account.created", actor=actor, user=candidate, detail=_role_text(role, pd, pemda, jabatan))
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
) -> Membership:
    pemda = pd.pemda if pd is not None else pemda
    if user.pk == actor.pk:
        raise DomainError(_("Anda tidak dapat menambah peran pada akun Anda sendiri."))
    _require_manageable(actor=actor, user=user)
    _require_grantable(actor=actor, role=role, pd=pd, pemda=pemda)
    _check_place(role=role, pd=pd, unit=unit, jabatan=jabatan)
    if Membership.objects.filter(user=user, pemda=pemda, pd=pd, role=role, jabatan=jabatan).exists():
        raise DomainError(_("Akun ini sudah memegang peran itu di sana."))
    membership = membership_create(user=user, role=role, pemda=pemda, pd=pd, unit=unit, jabatan=jabatan)
    _log(action="account.role_added", actor=actor, user=user, detail=_role_text(role, pd, pemda, jabatan))
    return membership


@transaction.atomic
def account_role_remove(*, actor: Any, membership: Membership) -> None:
    _require_manageable(actor=actor, user=membership.user)
    if membership.user_id == actor.pk and membership.role == Role.ADMIN:
        raise DomainError(_("Anda tidak dapat mencabut peran admin Anda sendiri."))
    if Membership.objects.filter(user_id=membership.user_id).count() <= 1:
        raise DomainError(_("Ini peran terakhir akun ini; nonaktifkan akunnya bila tidak dipakai lagi."))
    detail = _role_text(membership.role, membership.pd, membership.pemda, membership.jabatan)
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
