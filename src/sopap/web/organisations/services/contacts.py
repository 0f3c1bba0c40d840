"""An account's e-mail address and NIP, and its own choice of the daily digest and the language of its mail."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sopap.web.organisations.models import Profile
from sopap.web.organisations.services._common import _log, _require_manageable
from sopap.web.shared.errors import DomainError, FieldErrors


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
