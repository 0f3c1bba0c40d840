"""Personal API tokens (made, revoked, checked on each call) and the count behind the API's rate limit."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.organisations.models import ApiRateCount, ApiToken
from sopap.web.organisations.services._common import _log
from sopap.web.shared.errors import DomainError, PermissionDenied

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
