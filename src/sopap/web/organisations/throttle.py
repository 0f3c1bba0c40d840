"""Login throttling with django-axes: failed logins are counted per account and per client address; past
the limits (settings.LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, within AXES_COOLOFF_TIME)
every login of that account, or from that address, is refused on the login page until the cool-off ends or
the admin organisasi unlocks the account (services.account_unlock). Both /akun/masuk/ and /admin/login/
go through django.contrib.auth.authenticate, so both are throttled."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


class LoginThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]  # axes has no type hints
    """Refuses a login while its account or address is locked. A call of authenticate() without a request
    (a management command, the test client's login()) has no address to count and is not throttled."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is not None:
            super().authenticate(request, username, password, **kwargs)  # raises when locked
        return None  # never logs anyone in: the next backend does


class LoginThrottleHandler(AxesDatabaseHandler):  # type: ignore[misc]  # axes has no type hints
    """axes compares the larger of the per-account and per-address counts with one limit, the account's.
    An address is often a whole office behind one NAT, so it gets a wider limit: its count is scaled so that
    it reaches the account's limit exactly when it reaches its own."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        per_account = settings.LOGIN_FAILURES_PER_ACCOUNT
        per_address = settings.LOGIN_FAILURES_PER_ADDRESS
        counts = []
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            count = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            counts.append(count * per_account // per_address if parameter == "ip_address" else count)
        return max(counts, default=0)

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        if request is None:  # see LoginThrottleBackend: nothing to count against
            return
        super().user_login_failed(sender, credentials, request, **kwargs)


def client_address(request: HttpRequest) -> str:
    """The client's address: behind the one reverse proxy (SOPAP_BEHIND_PROXY) the entry it appended to
    X-Forwarded-For, which a client cannot forge; otherwise the connection's own address."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return str(forwarded)
    return str(request.META.get("REMOTE_ADDR", ""))


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The login page again, saying why the login was refused (429 Too Many Requests)."""
    from django.contrib.auth.forms import AuthenticationForm

    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    next_url = request.POST.get("next") or request.GET.get("next", "")
    return render(
        request,
        "organisations/login.html",
        {"form": form, "locked": True, "minutes": cooloff_minutes(), "next": next_url},
        status=429,
    )


def account_locked(*, username: str) -> bool:
    """Whether logins to this account are refused now for its own failures (not for its address's)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = (
        AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
            n=Sum("failures_since_start")
        )["n"]
        or 0
    )
    return bool(failures >= settings.LOGIN_FAILURES_PER_ACCOUNT)


def forget_failures(*, username: str) -> int:
    """Forget the account's failed logins, from every address; returns how many records went."""
    return int(reset(username=username))
