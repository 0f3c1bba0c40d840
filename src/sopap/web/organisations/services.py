"""Writes for organisations: loading `.org.yaml` trees, memberships, verification chains."""

from __future__ import annotations

from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from sopap.web.organisations.errors import DomainError
from sopap.web.organisations.models import (
    Jabatan,
    Membership,
    Pemda,
    PerangkatDaerah,
    Role,
    Unit,
    VerificationStep,
)


def _jabatan_entries(raw: Any) -> list[tuple[str, list[str]]]:
    out = []
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


def jabatan_get_or_create(*, pd: PerangkatDaerah, nama: str, unit: Unit | None = None) -> Jabatan:
    jabatan, _created = Jabatan.objects.get_or_create(pd=pd, nama=nama.strip(), defaults={"unit": unit})
    return jabatan


@transaction.atomic
def verification_chain_set(*, pd: PerangkatDaerah, jabatan: list[Jabatan]) -> list[VerificationStep]:
    """Replace the PD's chain of verifier positions, in order."""
    VerificationStep.objects.filter(pd=pd).delete()
    return [VerificationStep.objects.create(pd=pd, urutan=i, jabatan=j) for i, j in enumerate(jabatan, start=1)]


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
    *, pd: PerangkatDaerah, actor: Any, pola_nomor: str, chain: list[Jabatan]
) -> PerangkatDaerah:
    """The admin organisasi sets a PD's SOP number pattern and its chain of verifier positions."""
    from sopap.web.organisations.errors import PermissionDenied
    from sopap.web.organisations.selectors import user_has_role
    from sopap.web.workflow.numbering import validate_pattern

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
    pd.pola_nomor = pola_nomor
    pd.save(update_fields=["pola_nomor"])
    verification_chain_set(pd=pd, jabatan=chain)
    return pd
