"""The organisation file: `sopap org-import` and the demo load a Pemda from a checked organisation file
(sopap.core.organisation: a `.org.yaml`, or the XLSX template).

Loading again changes nothing; a changed name or code is applied to what it matches; what the database
holds and the file does not is reported, never deleted (SOPs, accounts and chains may point at it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
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
from sopap.web.organisations.models import Jabatan, Membership, Pemda, PerangkatDaerah, Profile, Role, Unit
from sopap.web.organisations.services._common import _log, _role_text
from sopap.web.organisations.services.accounts import password_problems
from sopap.web.organisations.services.structure import membership_create


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
