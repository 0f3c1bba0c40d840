"""Reads for organisations: who holds which role where, what a user may see."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from sopap.web.organisations.models import (
    ApiToken,
    Jabatan,
    Membership,
    PdEvent,
    PerangkatDaerah,
    Profile,
    Role,
    Unit,
    VerificationStep,
)

if TYPE_CHECKING:
    from sopap.core.logo import Logo


def memberships_of(*, user: Any) -> list[Membership]:
    if not getattr(user, "is_authenticated", False):
        return []
    cache = getattr(user, "_sopap_memberships", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user).select_related("pd", "pemda", "jabatan", "unit"))
        user._sopap_memberships = cache
    return cache


def _pemda_pd_ids(*, user: Any) -> dict[int, set[int]]:
    """The Perangkat Daerah of every Pemda where ``user`` holds a Pemda-wide role, read in one query and
    kept on the user object beside its memberships (a request's user lives as long as that request), so
    that the per-revision permission checks of a list page read no rows."""
    cache = getattr(user, "_sopap_pemda_pd_ids", None)
    if cache is None:
        pemda_ids = {m.pemda_id for m in memberships_of(user=user) if m.pd_id is None}
        cache = {pemda_id: set() for pemda_id in pemda_ids}
        if pemda_ids:
            rows = PerangkatDaerah.objects.filter(pemda_id__in=pemda_ids).values_list("pemda_id", "id")
            for pemda_id, pd_id in rows:
                cache[pemda_id].add(pd_id)
        user._sopap_pemda_pd_ids = cache
    return cache


def roles_of(*, user: Any) -> set[str]:
    return {m.role for m in memberships_of(user=user)}


def pd_ids_with_role(*, user: Any, roles: AbstractSet[str] | None = None) -> set[int]:
    """The Perangkat Daerah where the user holds one of ``roles`` (any role when None).

    A Pemda-wide membership (no ``pd``) covers every Perangkat Daerah of that Pemda.
    """
    ids: set[int] = set()
    for m in memberships_of(user=user):
        if roles is not None and m.role not in roles:
            continue
        if m.pd_id is not None:
            ids.add(m.pd_id)
        else:
            ids.update(_pemda_pd_ids(user=user)[m.pemda_id])
    return ids


def user_has_role(*, user: Any, role: str, pd: PerangkatDaerah | None = None) -> bool:
    if pd is None:
        return role in roles_of(user=user)
    return pd.id in pd_ids_with_role(user=user, roles={role})


def user_is_pd_wide(*, user: Any, role: str, pd: PerangkatDaerah) -> bool:
    """True when the user holds ``role`` for the whole Pemda of ``pd`` (not just one PD)."""
    return any(
        m.role == role and m.pd_id is None and m.pemda_id == pd.pemda_id for m in memberships_of(user=user)
    )


def user_jabatan_ids(*, user: Any, role: str, pd: PerangkatDaerah) -> set[int]:
    return {
        m.jabatan_id
        for m in memberships_of(user=user)
        if m.role == role and m.pd_id == pd.id and m.jabatan_id is not None
    }


def pd_list_for_authoring(*, user: Any) -> QuerySet[PerangkatDaerah]:
    """The PDs where ``user`` drafts, with their units loaded for the new-SOP form's choices."""
    return PerangkatDaerah.objects.filter(
        id__in=pd_ids_with_role(user=user, roles={Role.PENYUSUN})
    ).prefetch_related("units")


def drafting_unit_id(*, user: Any, pd_ids: AbstractSet[int]) -> int | None:
    """The unit the user drafts for, to preselect on a new SOP: the unit of their drafter role, or else the
    unit of the position they hold there (None when neither says)."""
    for m in memberships_of(user=user):
        if m.role != Role.PENYUSUN or m.pd_id not in pd_ids:
            continue
        if m.unit_id is not None:
            return int(m.unit_id)
        if m.jabatan is not None and m.jabatan.unit_id is not None:
            return int(m.jabatan.unit_id)
    return None


def _prefetched(instance: Any, name: str) -> list[Any] | None:
    """The related rows ``name`` of ``instance`` when a list selector prefetched them, else None."""
    cache = getattr(instance, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else None


def _link_parents(units: Iterable[Unit], by_id: dict[int, Unit]) -> None:
    # Unit.path() walks .parent, one query per level unless the parent object is already in place.
    for unit in units:
        if unit.parent_id is not None and unit.parent_id in by_id:
            unit.parent = by_id[unit.parent_id]


def unit_paths_load(units: Iterable[Unit | None]) -> None:
    """Give every unit its ancestors from one query of their Perangkat Daerah's units, so that its
    ``path()``, ``label`` and ``kode_path`` read no more rows."""
    wanted = [u for u in units if u is not None]
    pd_ids = {u.pd_id for u in wanted}
    if not pd_ids:
        return
    by_id = {u.id: u for u in Unit.objects.filter(pd_id__in=pd_ids)}
    _link_parents([*wanted, *by_id.values()], by_id)


def units_of(*, pd: PerangkatDaerah) -> list[Unit]:
    """The PD's units in tree order (parents before their children), each with its parents in place;
    from the PD's prefetched units when a list selector loaded them."""
    units = list(pd.units.all())
    _link_parents(units, {u.id: u for u in units})
    by_parent: dict[int | None, list[Unit]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)
    out: list[Unit] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in sorted(by_parent.get(parent_id, []), key=lambda u: (u.urutan, u.id)):
            unit.depth = depth  # type: ignore[attr-defined]
            out.append(unit)
            walk(unit.id, depth + 1)

    walk(None, 0)
    return out


def jabatan_names(*, pd: PerangkatDaerah) -> list[str]:
    names: list[str] = []
    for jabatan in pd.jabatan.all():
        names.append(jabatan.nama)
        names.extend(jabatan.alias or [])
    return list(dict.fromkeys(names))


def position_key(name: str) -> str:
    """A position's name reduced for matching: "Kasubag  Keuangan", "kasubag keuangan" and "Kasubag
    Keuangan." are one position (case, accents, punctuation and spacing aside)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def position_holders(*, pd: PerangkatDaerah, names: Iterable[str]) -> dict[int, str]:
    """The active accounts holding, in ``pd`` itself, a position named by one of ``names`` (the actors of an
    SOP), each with the name it matched: the PD's position, one of its other names, or a position written by
    hand. A role held across the whole Pemda is not a position in the PD."""
    wanted = {position_key(n): n for n in names if position_key(n)}
    out: dict[int, str] = {}
    memberships = Membership.objects.filter(pd=pd, user__is_active=True).select_related("jabatan")
    for m in memberships.order_by("user_id", "id"):
        for name in m.position_names:
            matched = wanted.get(position_key(name))
            if matched is not None:
                out.setdefault(m.user_id, matched)
    return out


def verification_chain(*, pd: PerangkatDaerah) -> list[VerificationStep]:
    loaded = _prefetched(pd, "verification_steps")
    if loaded is not None:
        return loaded
    return list(VerificationStep.objects.filter(pd=pd).select_related("jabatan"))


def pds_with_structure(*, user: Any) -> list[PerangkatDaerah]:
    """The Perangkat Daerah where ``user`` holds any role, each with its units, positions and verification
    chain loaded (for ``units_of``, ``jabatan_names`` and ``verification_chain``): four queries in all."""
    return list(
        PerangkatDaerah.objects.filter(id__in=pd_ids_with_role(user=user))
        .select_related("pemda")
        .prefetch_related(
            "units",
            "jabatan",
            Prefetch("verification_steps", queryset=VerificationStep.objects.select_related("jabatan")),
        )
    )


def admin_scope(*, user: Any) -> tuple[set[int], set[int]]:
    """Where ``user`` administers accounts: (Pemda ids held Pemda-wide, Perangkat Daerah ids)."""
    pemda_ids: set[int] = set()
    pd_ids: set[int] = set()
    for m in memberships_of(user=user):
        if m.role != Role.ADMIN:
            continue
        if m.pd_id is None:
            pemda_ids.add(m.pemda_id)
        else:
            pd_ids.add(m.pd_id)
    return pemda_ids, pd_ids


# Roles that approve SOPs or administer accounts: an account holding one is managed only from a strictly
# wider scope (a Pemda-wide admin for a PD's head or admin; the Sekda and Pemda-wide admins only by a
# superuser), so that nobody can take over a peer's or a superior's account.
HIGH_ROLES = {Role.ADMIN, Role.PENGESAH}


def role_grantable(*, actor: Any, role: str, pd: Any, pemda: Any) -> bool:
    """True when ``actor`` may give ``role`` in ``pd`` (or across ``pemda`` when ``pd`` is None)."""
    if getattr(actor, "is_superuser", False):
        return True
    pemda_ids, pd_ids = admin_scope(user=actor)
    if role in HIGH_ROLES:
        return pd is not None and pd.pemda_id in pemda_ids
    if pd is not None:
        return pd.pemda_id in pemda_ids or pd.pk in pd_ids
    return pemda is not None and pemda.pk in pemda_ids


def account_manageable(*, actor: Any, user: Any, held: list[Membership] | None = None) -> bool:
    """True when ``actor`` may manage ``user``'s account: every role it holds (``held``, read when not
    given) lies where ``actor`` administers accounts, strictly inside that scope for roles that approve
    or administer."""
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return bool(getattr(actor, "is_superuser", False))
    if held is None:
        held = list(Membership.objects.filter(user=user).select_related("pd", "pemda"))
    if not held:
        return False
    if getattr(user, "pk", None) == getattr(actor, "pk", None):
        # An admin's own account: the services refuse what would lock them out or raise them.
        return any(admin_scope(user=actor))
    return all(role_grantable(actor=actor, role=m.role, pd=m.pd, pemda=m.pemda) for m in held)


def accounts_for_admin(*, actor: Any) -> list[Any]:
    """The accounts ``actor`` administers, by name, each with its memberships as ``roles``."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    pemda_ids, pd_ids = admin_scope(user=actor)
    if not pemda_ids and not pd_ids:
        return []

    in_scope = Membership.objects.filter(Q(pemda_id__in=pemda_ids) | Q(pd_id__in=pd_ids)).values("user_id")
    memberships = list(
        Membership.objects.filter(user_id__in=in_scope)
        .select_related("pd", "pemda", "unit", "jabatan")
        .order_by("pd__nama", "role")
    )
    by_user: dict[int, list[Membership]] = {}
    for m in memberships:
        by_user.setdefault(m.user_id, []).append(m)
    users = get_user_model().objects.filter(pk__in=by_user).order_by("username")
    out = []
    for user in users:
        if account_manageable(actor=actor, user=user, held=by_user[user.pk]):
            user.roles = by_user[user.pk]  # type: ignore[attr-defined]
            out.append(user)
    return out


def pds_for_admin(*, actor: Any) -> list[PerangkatDaerah]:
    """The Perangkat Daerah whose accounts ``actor`` administers, with their units and positions loaded."""
    from django.db.models import Q

    pemda_ids, pd_ids = admin_scope(user=actor)
    return list(
        PerangkatDaerah.objects.filter(Q(pemda_id__in=pemda_ids) | Q(pk__in=pd_ids))
        .select_related("pemda")
        .prefetch_related("units", "jabatan")
        .order_by("nama")
    )


def pemdas_for_admin(*, actor: Any) -> list[Any]:
    """The Pemda where ``actor`` administers accounts across every Perangkat Daerah."""
    from sopap.web.organisations.models import Pemda

    pemda_ids, _pd_ids = admin_scope(user=actor)
    return list(Pemda.objects.filter(pk__in=pemda_ids).order_by("nama"))


def pd_events(*, pd: PerangkatDaerah, limit: int = 20) -> list[PdEvent]:
    """The latest changes to the PD's numbering and verification chain, newest first."""
    return list(PdEvent.objects.filter(pd=pd).select_related("actor")[:limit])


def pd_get(*, pk: int) -> PerangkatDaerah | None:
    return PerangkatDaerah.objects.filter(pk=pk).first()


def pd_get_visible(*, user: Any, pk: int) -> PerangkatDaerah | None:
    """A Perangkat Daerah where ``user`` holds a role."""
    return PerangkatDaerah.objects.filter(pk=pk, id__in=pd_ids_with_role(user=user)).first()


def jabatan_of(*, pd: PerangkatDaerah, ids: list[int] | None = None) -> list[Jabatan]:
    """The positions of the PD (those of ``ids`` only, when given)."""
    positions = Jabatan.objects.filter(pd=pd)
    return list(positions if ids is None else positions.filter(pk__in=ids))


def account_get(*, pk: int) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=pk).select_related("profile").first()


def account_membership(*, account: Any, pk: int) -> Membership | None:
    return Membership.objects.filter(pk=pk, user=account).first()


def account_roles(*, account: Any) -> list[Membership]:
    return list(
        Membership.objects.filter(user=account)
        .select_related("pd", "pemda", "unit", "jabatan")
        .order_by("pd__nama", "role")
    )


INDENT = "\u00a0" * 4


def unit_choices(pds: Iterable[PerangkatDaerah]) -> list[Any]:
    """A select's choices: the units of each PD, grouped by PD, indented by depth ("—" for none)."""
    choices: list[Any] = [("", "—")]
    for pd in pds:
        choices.append(
            # No-break spaces: a select keeps them, so a sub-unit stands under its parent without a marker.
            (pd.nama, [(u.pk, f"{INDENT * getattr(u, 'depth', 0)}{u.nama}") for u in units_of(pd=pd)])
        )
    return choices


def account_exists(*, username: str) -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username__iexact=username.strip()).exists()


def tokens_of(*, user: Any) -> list[ApiToken]:
    """The user's API tokens that still work, newest first."""
    return list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))


def token_of(*, user: Any, pk: int) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, pk=pk, revoked_at__isnull=True).first()


def unit_get(*, pk: int) -> Unit | None:
    return Unit.objects.filter(pk=pk).select_related("pd").first()


def profile_of(*, user: Any) -> Profile:
    """The account's profile; one that never saved any gets the defaults, unsaved. Read with the account
    when its selector joined it (no query then)."""
    try:
        return user.profile  # type: ignore[no-any-return]
    except Profile.DoesNotExist:
        return Profile(user=user)


# ------------------------------------------------------------------------------------------------ logos


def logo_name_for(*, pd: PerangkatDaerah) -> str:
    """The stored name of the logo an SOP of ``pd`` prints: the Pemda's, as the seeds print the crest of
    the Kota or Kabupaten, else the PD's own; empty when neither was uploaded. Read from the database, not
    from ``pd``'s loaded fields, so a logo uploaded since ``pd`` was read is the one printed."""
    row = PerangkatDaerah.objects.filter(pk=pd.pk).values_list("pemda__logo", "logo").first()
    return (row[0] or row[1] or "") if row else ""


def logo_read(*, name: str) -> Logo | None:
    """The checked logo stored as ``name``, or None when there is none (or it vanished from the storage)."""
    from django.core.files.storage import default_storage

    from sopap.core.logo import LogoError, read_logo

    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            return read_logo(bytes(handle.read()))
    except (FileNotFoundError, OSError, LogoError):
        return None
