"""Writes for organisations: loading organisation files (`.org.yaml`, the XLSX template), memberships,
verification chains, accounts."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sopap.core.i18n import Text, Verbatim
from sopap.core.organisation import (
    Loc,
    OrgFileInvalid,
    OrgSource,
    Problem,
    loc_text,
    pd_of_admin,
    read_org_text,
    weak_password_problem,
)
from sopap.web.organisations.models import (
    ApiRateCount,
    ApiToken,
    Jabatan,
    Membership,
    PdEvent,
    Pemda,
    PerangkatDaerah,
    Profile,
    Role,
    Unit,
    VerificationStep,
)
from sopap.web.shared.errors import DomainError, FieldErrors, PermissionDenied

# --------------------------------------------------------------------------------- the organisation file
# `sopap org-import` and the demo load a Pemda from a checked organisation file (sopap.core.organisation).
# Loading again changes nothing; a changed name or code is applied to what it matches; what the database
# holds and the file does not is reported, never deleted (SOPs, accounts and chains may point at it).


@dataclass(frozen=True)
class OrgChange:
    """One thing the import created or changed: its kind (pemda, perangkat_daerah, unit, jabatan, admin),
    its name (a unit's path), and for a change the fields changed."""

    kind: str
    name: str
    fields: tuple[str, ...] = ()


@dataclass
class OrgImportReport:
    pemda: Pemda
    created: list[OrgChange] = field(default_factory=list)
    updated: list[OrgChange] = field(default_factory=list)
    # In the database under this Pemda but not in the file: kept, and listed so that someone decides.
    not_in_file: list[OrgChange] = field(default_factory=list)
    # Given by the file but kept as the database has it, because the app owns it once set (pola_nomor).
    kept: list[OrgChange] = field(default_factory=list)
    admin_username: str = ""
    # The first admin's password when the import made one up: shown once, stored only as a hash.
    generated_password: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _apply(instance: Any, values: dict[str, Any]) -> tuple[str, ...]:
    changed = tuple(name for name, value in values.items() if getattr(instance, name) != value)
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=list(changed))
    return changed


def organisation_import(
    *,
    source: OrgSource,
    admin_password: str | None = None,
    dry_run: bool = False,
) -> OrgImportReport:
    """Load the Pemda of a checked organisation file, in one transaction.

    ``admin_password`` is used only when the first admin's account does not exist yet; without it one is made
    up and returned in the report. ``dry_run`` reports what would change and writes nothing.
    Raises :class:`OrgFileInvalid`, with places in the file, for what only the database's rules see (a
    number pattern, a weak password); then nothing is written.
    """
    with transaction.atomic():
        report = _organisation_load(source, admin_password)
        if dry_run:
            transaction.set_rollback(True)
            report.generated_password = None  # an account that was never written has no password to show
    return report


def _organisation_load(source: OrgSource, admin_password: str | None) -> OrgImportReport:
    org = source.organisation
    problems = _pattern_problems(source) + _admin_contact_problems(source)
    if problems:
        raise OrgFileInvalid(problems, path=source.path)
    pemda, created = Pemda.objects.get_or_create(nama=org.pemerintah)
    report = OrgImportReport(pemda=pemda)
    if created:
        report.created.append(OrgChange("pemda", pemda.nama))
    seen_pd: set[int] = set()
    pd_names = {pd_data.nama for pd_data in org.perangkat_daerah}
    for pd_data in org.perangkat_daerah:
        pd = _pd_import(pemda=pemda, data=pd_data, names=pd_names, report=report)
        seen_pd.add(pd.pk)
        seen_units: set[int] = set()
        # A rename is recognised by an old name kept as an alias, never by the name of another position.
        positions = _Positions(names=_position_names(pd_data), seen=set())
        _jabatan_import(pd=pd, unit=None, entries=pd_data.jabatan, report=report, positions=positions)
        _units_import(
            pd=pd, parent=None, entries=pd_data.unit, report=report, seen=seen_units, positions=positions
        )
        seen_jabatan = positions.seen
        for unit in Unit.objects.filter(pd=pd).exclude(pk__in=seen_units).select_related("parent"):
            report.not_in_file.append(OrgChange("unit", f"{pd.nama} › {unit.label}"))
        for jabatan in Jabatan.objects.filter(pd=pd).exclude(pk__in=seen_jabatan):
            report.not_in_file.append(OrgChange("jabatan", f"{pd.nama} › {jabatan.nama}"))
    for pd in PerangkatDaerah.objects.filter(pemda=pemda).exclude(pk__in=seen_pd):
        report.not_in_file.append(OrgChange("perangkat_daerah", pd.nama))
    if org.admin_pertama is not None:
        _first_admin_import(source=source, pemda=pemda, report=report, password=admin_password)
    return report


def _pattern_problems(source: OrgSource) -> list[Problem]:
    from sopap.web.organisations.numbering import validate_pattern

    problems = []
    for index, pd_data in enumerate(source.organisation.perangkat_daerah):
        if pd_data.pola_nomor and (found := validate_pattern(pd_data.pola_nomor)):
            loc = ("perangkat_daerah", index, "pola_nomor")
            problems.append(Problem(_where(source, loc), Verbatim("; ".join(found))))
    return problems


def _where(source: OrgSource, loc: Loc) -> Text:
    place = source.where(loc)
    # A YAML place is a line; the key path says which value on it. A workbook's place names its column.
    if source.path.lower().endswith(".xlsx"):
        return place
    return Text("{where}: {field}", where=place, field=Verbatim(loc_text(loc)))


def _pd_import(*, pemda: Pemda, data: Any, names: set[str], report: OrgImportReport) -> PerangkatDaerah:
    values = {
        "nama": data.nama,
        "singkatan": data.singkatan,
        "kode": data.kode,
        "kepala_jabatan": data.kepala.jabatan,
        "kepala_nama": data.kepala.nama,
        "kepala_nip": data.kepala.nip,
    }
    pd = PerangkatDaerah.objects.filter(pemda=pemda, nama=data.nama).first()
    if pd is None and data.kode:  # renamed: the code stays (unless the PD of that code is in the file too)
        matches = list(
            PerangkatDaerah.objects.filter(pemda=pemda, kode=data.kode).exclude(nama__in=names)[:2]
        )
        pd = matches[0] if len(matches) == 1 else None
    if pd is None:
        pd = PerangkatDaerah.objects.create(pemda=pemda, pola_nomor=data.pola_nomor, **values)
        report.created.append(OrgChange("perangkat_daerah", pd.nama))
        return pd
    if data.pola_nomor and not pd.pola_nomor:
        values["pola_nomor"] = data.pola_nomor
    elif data.pola_nomor and data.pola_nomor != pd.pola_nomor:
        # Once set, the pattern belongs to the PD's settings page, which checks and logs each change.
        report.kept.append(OrgChange("perangkat_daerah", pd.nama, ("pola_nomor",)))
    before = pd.nama
    if changed := _apply(pd, values):
        report.updated.append(OrgChange("perangkat_daerah", before, changed))
    return pd


@dataclass
class _Positions:
    names: set[str]  # every position the file gives the PD
    seen: set[int]  # the rows matched so far


def _position_names(node: Any) -> set[str]:
    names = {entry.nama for entry in node.jabatan}
    for unit in node.unit:
        names |= _position_names(unit)
    return names


def _jabatan_import(
    *,
    pd: PerangkatDaerah,
    unit: Unit | None,
    entries: list[Any],
    report: OrgImportReport,
    positions: _Positions,
) -> None:
    seen = positions.seen
    for entry in entries:
        jabatan = Jabatan.objects.filter(pd=pd, nama=entry.nama).first()
        old_names = [a for a in entry.alias if a not in positions.names]
        if jabatan is None and old_names:  # renamed: the old name is kept as one of its other names
            jabatan = Jabatan.objects.filter(pd=pd, nama__in=old_names).exclude(pk__in=seen).first()
        values = {"nama": entry.nama, "unit": unit, "alias": list(entry.alias)}
        if jabatan is None:
            jabatan = Jabatan.objects.create(pd=pd, **values)
            report.created.append(OrgChange("jabatan", f"{pd.nama} › {jabatan.nama}"))
        else:
            before = jabatan.nama
            if changed := _apply(jabatan, values):
                report.updated.append(OrgChange("jabatan", f"{pd.nama} › {before}", changed))
        seen.add(jabatan.pk)


def _units_import(
    *,
    pd: PerangkatDaerah,
    parent: Unit | None,
    entries: list[Any],
    report: OrgImportReport,
    seen: set[int],
    positions: _Positions,
) -> None:
    here = {entry.nama for entry in entries}
    for index, entry in enumerate(entries):
        unit = Unit.objects.filter(pd=pd, parent=parent, nama=entry.nama).first()
        if unit is None and entry.kode:  # renamed: the code stays (unless its unit is in the file too)
            found = Unit.objects.filter(pd=pd, parent=parent, kode=entry.kode).exclude(pk__in=seen)
            matches = list(found.exclude(nama__in=here)[:2])
            unit = matches[0] if len(matches) == 1 else None
        values = {"nama": entry.nama, "kode": entry.kode, "urutan": index}
        above = parent.path_names if parent is not None else []
        if unit is None:
            unit = Unit.objects.create(pd=pd, parent=parent, **values)
            report.created.append(OrgChange("unit", " › ".join([pd.nama, *above, unit.nama])))
        else:
            before = " › ".join([pd.nama, *above, unit.nama])
            if changed := _apply(unit, values):
                report.updated.append(OrgChange("unit", before, changed))
        seen.add(unit.pk)
        _jabatan_import(pd=pd, unit=unit, entries=entry.jabatan, report=report, positions=positions)
        _units_import(pd=pd, parent=unit, entries=entry.unit, report=report, seen=seen, positions=positions)


def _first_admin_import(
    *, source: OrgSource, pemda: Pemda, report: OrgImportReport, password: str | None
) -> None:
    import secrets

    data = source.organisation.admin_pertama
    assert data is not None
    pd_data = pd_of_admin(source.organisation)
    pd = PerangkatDaerah.objects.get(pemda=pemda, nama=pd_data.nama) if pd_data is not None else None
    report.admin_username = data.nama_pengguna
    User = get_user_model()
    user = User.objects.filter(username__iexact=data.nama_pengguna).first()
    if user is None:
        if password is None:
            password = secrets.token_urlsafe(12)
            report.generated_password = password
        user = User(username=data.nama_pengguna, first_name=data.nama_lengkap)
        if weak := password_problems(password, user=user):
            raise OrgFileInvalid(
                [weak_password_problem(user.username, " ".join(weak))],
                path=source.path,
            )
        user.set_password(password)
        user.email = data.surel
        user.save()
        if data.nip:
            Profile.objects.create(user=user, nip=data.nip)
        report.created.append(OrgChange("admin", user.username))
    else:
        _first_admin_contact(user=user, surel=data.surel, nip=data.nip, report=report)
    held = Membership.objects.filter(user=user, pemda=pemda, pd=pd, role=Role.ADMIN, jabatan=None)
    if not held.exists():
        membership_create(user=user, role=Role.ADMIN, pemda=pemda, pd=pd)
        if not any(c.kind == "admin" for c in report.created):
            report.updated.append(OrgChange("admin", user.username, ("peran",)))
        # Nobody is logged in at a command line: the account itself is the actor of its own first role.
        _log(
            action="account.imported",
            actor=user,
            user=user,
            detail=_role_text(Role.ADMIN, pd, pemda, None) + " (sopap org-import)",
        )


def _first_admin_contact(*, user: Any, surel: str, nip: str, report: OrgImportReport) -> None:
    """The file's e-mail and NIP fill an existing account's empty ones; once set they belong to the account
    pages (its owner may have changed them), and a different value in the file is reported, not applied."""
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    changed: list[str] = []
    kept: list[str] = []
    if surel and surel != user.email:
        (kept if user.email else changed).append("surel")
    if nip and nip != profile.nip:
        (kept if profile.nip else changed).append("nip")
    if "surel" in changed:
        user.email = surel
        user.save(update_fields=["email"])
    if "nip" in changed:
        profile.nip = nip
        profile.save()
    if changed:
        report.updated.append(OrgChange("admin", user.username, tuple(changed)))
    if kept:
        report.kept.append(OrgChange("admin", user.username, tuple(kept)))


def _admin_contact_problems(source: OrgSource) -> list[Problem]:
    """What only the database sees of the first admin's e-mail and NIP: Django's stricter check of the
    address, and a NIP another account holds."""
    from django.core.validators import validate_email

    data = source.organisation.admin_pertama
    if data is None:
        return []
    problems = []
    if data.surel:
        try:
            validate_email(data.surel)
        except Exception:
            where = _where(source, ("admin_pertama", "surel"))
            problems.append(Problem(where, Verbatim(_("Alamat surel tidak sah."))))
    if data.nip:
        holder = Profile.objects.filter(nip=data.nip).exclude(user__username__iexact=data.nama_pengguna)
        if holder.exists():
            where = _where(source, ("admin_pertama", "nip"))
            problems.append(Problem(where, Verbatim(_("NIP ini sudah dipakai akun lain."))))
    return problems


def org_import(*, text: str) -> Pemda:
    """The Pemda of `.org.yaml` text, loaded by :func:`organisation_import` (tests and fixtures)."""
    return organisation_import(source=read_org_text(text)).pemda


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
    jabatan_lain: str = "",
) -> Membership:
    if pemda is None:
        if pd is None:
            raise DomainError(_("keanggotaan memerlukan pemerintah daerah atau perangkat daerah"))
        pemda = pd.pemda
    if role in {Role.PENYUSUN, Role.VERIFIKATOR, Role.PEGAWAI} and pd is None:
        raise DomainError(_("penyusun dan verifikator selalu berada di satu perangkat daerah"))
    membership, _created = Membership.objects.get_or_create(
        user=user,
        pemda=pemda,
        pd=pd,
        role=role,
        jabatan=jabatan,
        jabatan_lain=" ".join(jabatan_lain.split()),
        defaults={"unit": unit},
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


# ------------------------------------------------------------------------------ e-mail, NIP, digest


def nip_problems(nip: str, *, user: Any = None) -> list[str]:
    """What is wrong with a NIP (already without its spaces) for ``user``'s account: empty is allowed."""
    from sopap.core.organisation import nip_error

    if not nip:
        return []
    problem = nip_error(nip)
    if problem == "digits":
        return [_("NIP terdiri atas 18 angka, mis. 19850101 201001 1 001.")]
    if problem == "date":
        return [_("NIP tidak sah: delapan angka pertamanya bukan tanggal lahir (TTTTBBHH).")]
    taken = Profile.objects.filter(nip=nip)
    if user is not None and user.pk is not None:
        taken = taken.exclude(user_id=user.pk)
    if taken.exists():
        return [_("NIP ini sudah dipakai akun lain.")]
    return []


def email_problems(email: str) -> list[str]:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if not email:
        return []
    try:
        validate_email(email)
    except ValidationError:
        return [_("Alamat surel tidak sah, mis. nama@serangkota.go.id.")]
    return []


def contact_problems(*, email: str, nip: str, user: Any = None) -> dict[str | None, list[str]]:
    problems: dict[str | None, list[str]] = {}
    if found := email_problems(email):
        problems["email"] = found
    if found := nip_problems(nip, user=user):
        problems["nip"] = found
    return problems


def _profile(user: Any) -> Profile:
    return Profile.objects.select_for_update().filter(user=user).first() or Profile(user=user)


@transaction.atomic
def account_contact_update(*, actor: Any, user: Any, email: str, nip: str) -> Any:
    """The e-mail address and NIP of an account, set by its owner or by the admin organisasi who keeps it."""
    from sopap.core.organisation import nip_clean

    if actor.pk != user.pk:
        _require_manageable(actor=actor, user=user)
    email, nip = email.strip(), nip_clean(nip)
    if problems := contact_problems(email=email, nip=nip, user=user):
        raise FieldErrors(problems)
    profile = _profile(user)
    changes = []
    if email != user.email:
        changes.append(f"{_('surel')}: {user.email or '—'} → {email or '—'}")
        user.email = email
        user.save(update_fields=["email"])
    if nip != profile.nip:
        changes.append(f"NIP: {profile.nip or '—'} → {nip or '—'}")
        profile.nip = nip
        profile.save()
    if changes:
        _log(action="account.contact_changed", actor=actor, user=user, detail="; ".join(changes)[:500])
    return user


@transaction.atomic
def account_digest_set(*, user: Any, enabled: bool, bahasa: str) -> Profile:
    """The account's own choice: the daily digest by e-mail or not, and the language of its mail."""
    from django.conf import settings

    if bahasa not in {code for code, _label in settings.LANGUAGES}:
        raise DomainError(_("Bahasa itu tidak tersedia."))
    profile = _profile(user)
    if profile.pk is not None and (profile.ringkasan_harian, profile.bahasa) == (enabled, bahasa):
        return profile
    before = profile.ringkasan_harian
    profile.ringkasan_harian, profile.bahasa = enabled, bahasa
    profile.save()
    if before != enabled:
        action = "account.digest_on" if enabled else "account.digest_off"
        _log(action=action, actor=user, user=user)
    return profile


# ------------------------------------------------------------------------------------ API tokens

TOKEN_PREFIX = "sopap_"
TOKEN_NAME_MAX_LENGTH = 100
# A token's "last used" is written at most this often: a busy integration would otherwise write a row on
# every request.
TOKEN_USE_RESOLUTION = dt.timedelta(minutes=1)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new personal API token of ``user``: the row, and the token itself, which is never stored and so
    can be shown only now."""
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Beri nama token ini, misalnya nama sistem yang memakainya."))
    if len(name) > TOKEN_NAME_MAX_LENGTH:
        raise DomainError(
            _("Nama token terlalu panjang: %(length)s karakter, paling banyak %(max)s.")
            % {"length": len(name), "max": TOKEN_NAME_MAX_LENGTH}
        )
    if not user.is_active:
        raise PermissionDenied(_("Akun ini tidak aktif."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=token_digest(raw), prefix=raw[:12])
    _log(action="account.token.created", actor=user, user=user, detail=name)
    return token, raw


@transaction.atomic
def token_revoke(*, user: Any, token: ApiToken) -> ApiToken:
    """The owner revokes one of their tokens; from now on it is refused."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != user.pk:
        raise PermissionDenied(_("Token ini bukan milik Anda."))
    if token.revoked_at is not None:
        raise DomainError(_("Token ini sudah dicabut."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    _log(action="account.token.revoked", actor=user, user=user, detail=token.name)
    return token


def token_authenticate(*, raw: str) -> ApiToken | None:
    """The token ``raw`` is, with its user, when it may be used: None for an unknown, revoked or malformed
    token, and for the token of a deactivated account. Records when the token was used."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def api_rate_hit(*, caller: str, slot: int) -> int:
    """Count one call of ``caller`` (a token or a client address) in the rate limit's window ``slot``; returns
    the calls counted in that window, this one included. One statement, an upsert: two processes (or two web
    nodes on one database) counting at once both count, and neither reads the other's count before it adds.
    The first call of a window deletes the caller's older windows, so the table holds about one row per caller
    active in the last window."""
    table = connection.ops.quote_name(ApiRateCount._meta.db_table)
    with connection.cursor() as cursor:
        # PostgreSQL and SQLite (3.35 and later) both speak ON CONFLICT ... RETURNING.
        cursor.execute(
            f"INSERT INTO {table} (caller, slot, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (caller, slot) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [caller, slot],
        )
        row = cursor.fetchone()
    count = int(row[0])
    if count == 1:
        ApiRateCount.objects.filter(caller=caller, slot__lt=slot).delete()
    return count


# ------------------------------------------------------------------------------------------------ logos

LOGO_FOLDER = "logo"


def _logo_store(data: bytes) -> str:
    """Check ``data`` and keep what was checked under its SHA-256; returns the stored name."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from sopap.core.logo import LogoError, read_logo

    try:
        logo = read_logo(data)
    except LogoError as exc:
        reason = exc.text_in(translation.get_language() or "id")
        raise DomainError(_("Logo ditolak: %(reason)s") % {"reason": reason}) from None
    name = f"{LOGO_FOLDER}/{logo.sha256}.{logo.extension}"
    # The same picture uploaded again is the same file: never a second copy under another name.
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(logo.data))
        if saved != name:  # a file appeared under that name meanwhile: it holds these very bytes
            default_storage.delete(saved)
    return name


@transaction.atomic
def logo_set(*, pd: PerangkatDaerah, actor: Any, data: bytes | None, of_pemda: bool) -> PerangkatDaerah:
    """The admin organisasi uploads (``data``) or removes (None) the logo of the PD's Pemda (``of_pemda``,
    for an admin of the whole Pemda) or of the PD itself. Each change is logged on the PD."""
    from sopap.web.organisations.selectors import pemdas_for_admin, user_has_role

    if of_pemda:
        if pd.pemda_id not in {p.pk for p in pemdas_for_admin(actor=actor)}:
            raise PermissionDenied(
                _("Hanya admin organisasi pemerintah daerah yang dapat mengganti logonya.")
            )
    elif not user_has_role(user=actor, role=Role.ADMIN, pd=pd):
        raise PermissionDenied(_("Hanya admin organisasi yang dapat mengatur perangkat daerah."))
    name = _logo_store(data) if data is not None else ""
    owner: Any = pd.pemda if of_pemda else pd
    before = owner.logo.name or ""
    if name == before:
        return pd
    owner.logo.name = name
    owner.save(update_fields=["logo"])
    PdEvent.objects.create(
        pd=pd,
        action="pemda.logo_changed" if of_pemda else "pd.logo_changed",
        actor=actor,
        before=before,
        after=name,
    )
    return pd


# ------------------------------------------------------------------------------------------ certificates


def _certificate_owner_check(*, pd: PerangkatDaerah, actor: Any, of_pemda: bool) -> None:
    from sopap.web.organisations.selectors import pemdas_for_admin, user_has_role

    if of_pemda:
        if pd.pemda_id not in {p.pk for p in pemdas_for_admin(actor=actor)}:
            raise PermissionDenied(
                _("Hanya admin organisasi pemerintah daerah yang dapat mengatur sertifikatnya.")
            )
    elif not user_has_role(user=actor, role=Role.ADMIN, pd=pd):
        raise PermissionDenied(_("Hanya admin organisasi yang dapat mengatur perangkat daerah."))


def _certificate_summary(row: Any) -> str:
    return f"{row.subjek}; SHA-256 {row.fingerprint_grouped}" if row is not None else ""


@transaction.atomic
def certificate_set(
    *,
    pd: PerangkatDaerah,
    actor: Any,
    data: bytes,
    passphrase: str,
    of_pemda: bool,
    jabatan: str = "",
    nip: str = "",
    bsre: bool = False,
) -> Any:
    """The admin organisasi uploads (or replaces) the PKCS#12 certificate of the PD, or of its Pemda
    (``of_pemda``, an admin of the whole Pemda). It is checked first (it opens with the passphrase, is
    valid today and signs documents), then kept encrypted; a refused one keeps nothing. Logged on the PD:
    pd.certificate_uploaded / pd.certificate_replaced, or pemda.certificate_*."""
    from sopap.web.organisations.certificates import PASSPHRASE_MAX, certificate_check, encrypt
    from sopap.web.organisations.models import SigningCertificate

    _certificate_owner_check(pd=pd, actor=actor, of_pemda=of_pemda)
    if len(passphrase) > PASSPHRASE_MAX:
        raise DomainError(_("Sertifikat ditolak: sandinya terlalu panjang."))
    if len(jabatan.strip()) > 300 or len(nip.strip()) > 40:
        raise DomainError(_("Jabatan paling banyak 300 karakter dan NIP paling banyak 40 karakter."))
    info = certificate_check(data, passphrase.encode("utf-8"))
    owner_pd = None if of_pemda else pd
    before = SigningCertificate.objects.select_for_update().filter(pemda=pd.pemda, pd=owner_pd).first()
    values = {
        "berkas": encrypt(data),
        "sandi": encrypt(passphrase.encode("utf-8")),
        "subjek": info.subjek,
        "penerbit": info.penerbit,
        "nomor_seri": info.nomor_seri,
        "berlaku_mulai": info.berlaku_mulai,
        "berlaku_sampai": info.berlaku_sampai,
        "sidik_jari": info.sidik_jari,
        "jabatan": jabatan.strip(),
        "nip": nip.strip(),
        "bsre": bsre,
        "uploaded_by": actor,
    }
    summary_before = _certificate_summary(before)
    if before is None:
        row = SigningCertificate.objects.create(pemda=pd.pemda, pd=owner_pd, **values)
    else:
        for name, value in values.items():
            setattr(before, name, value)
        before.save()
        row = before
    prefix = "pemda" if of_pemda else "pd"
    PdEvent.objects.create(
        pd=pd,
        action=f"{prefix}.certificate_replaced" if before is not None else f"{prefix}.certificate_uploaded",
        actor=actor,
        before=summary_before,
        after=_certificate_summary(row),
    )
    return row


@transaction.atomic
def certificate_remove(*, pd: PerangkatDaerah, actor: Any, of_pemda: bool) -> bool:
    """The admin organisasi removes the certificate (nothing signs with it from now on; what it signed stays
    signed). Returns whether there was one. Logged on the PD: pd.certificate_removed or
    pemda.certificate_removed."""
    from sopap.web.organisations.models import SigningCertificate

    _certificate_owner_check(pd=pd, actor=actor, of_pemda=of_pemda)
    row = (
        SigningCertificate.objects.select_for_update()
        .filter(pemda=pd.pemda, pd=None if of_pemda else pd)
        .first()
    )
    if row is None:
        return False
    summary = _certificate_summary(row)
    row.delete()
    PdEvent.objects.create(
        pd=pd,
        action="pemda.certificate_removed" if of_pemda else "pd.certificate_removed",
        actor=actor,
        before=summary,
        after="",
    )
    return True
