from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sopap.web.organisations.selectors import (
    jabatan_names,
    memberships_of,
    pds_with_structure,
    units_of,
    verification_chain,
)


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    pds = pds_with_structure(user=request.user)
    from sopap.web.organisations.models import Role

    admin = Role.ADMIN in {m.role for m in memberships_of(user=request.user)}
    rows = [
        {
            "pd": pd,
            "can_configure": admin,
            "units": units_of(pd=pd),
            "jabatan": jabatan_names(pd=pd),
            "chain": verification_chain(pd=pd),
        }
        for pd in pds
    ]
    return render(request, "organisations/list.html", {"rows": rows})


CHAIN_SLOTS = 5


@login_required
def pd_settings(request: HttpRequest, pk: int) -> HttpResponse:
    from django.contrib import messages
    from django.http import Http404, HttpResponseForbidden
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from sopap.web.organisations.models import Role
    from sopap.web.organisations.numbering import example, validate_pattern
    from sopap.web.organisations.selectors import jabatan_of, pd_events, pd_get_visible, user_has_role
    from sopap.web.organisations.services import pd_settings_update
    from sopap.web.shared.errors import DomainError

    pd = pd_get_visible(user=request.user, pk=pk)
    if pd is None:
        raise Http404
    if not user_has_role(user=request.user, role=Role.ADMIN, pd=pd):
        return HttpResponseForbidden(_("Hanya admin organisasi yang dapat mengatur perangkat daerah."))
    jabatan = jabatan_of(pd=pd)
    chain_ids = [s.jabatan_id for s in verification_chain(pd=pd)]
    pola = pd.pola_nomor
    if request.method == "POST":
        pola = request.POST.get("pola_nomor", "")
        picked = [int(v) for v in request.POST.getlist("rantai") if v.isdigit()]
        by_id = {j.pk: j for j in jabatan_of(pd=pd, ids=picked)}
        try:
            pd_settings_update(
                pd=pd, actor=request.user, pola_nomor=pola, chain=[by_id[i] for i in picked if i in by_id]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            chain_ids = picked
        else:
            messages.success(request, _("Pengaturan perangkat daerah tersimpan."))
            return redirect("organisations:list")
    slots = [chain_ids[i] if i < len(chain_ids) else None for i in range(CHAIN_SLOTS)]
    # An example only of a valid pattern: an invalid one may ask for a width of millions of characters.
    valid = bool(pola) and not validate_pattern(pola)
    contoh = example(pola, kode_pd=pd.kode or "12", singkatan=pd.singkatan or "DKISP") if valid else ""
    return render(
        request,
        "organisations/settings.html",
        {
            "pd": pd,
            "jabatan": jabatan,
            "slots": slots,
            "pola": pola,
            "contoh": contoh,
            "events": pd_events(pd=pd),
        },
    )


# ------------------------------------------------------------------------------------------- accounts


def _places(request: HttpRequest) -> dict[str, Any]:
    """Where the signed-in admin may give roles: their Perangkat Daerah and their Pemda-wide scope."""
    from sopap.web.organisations.selectors import pds_for_admin, pemdas_for_admin

    return {"pds": pds_for_admin(actor=request.user), "pemdas": pemdas_for_admin(actor=request.user)}


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    from django.http import HttpResponseForbidden
    from django.utils.translation import gettext as _

    from sopap.web.organisations.models import Role
    from sopap.web.organisations.selectors import accounts_for_admin, user_has_role

    if not user_has_role(user=request.user, role=Role.ADMIN):
        return HttpResponseForbidden(_("Hanya admin organisasi yang dapat mengatur akun di sini."))
    shown = request.GET.get("q", "").strip()
    q = shown.lower()
    accounts = accounts_for_admin(actor=request.user)
    if q:
        accounts = [
            a
            for a in accounts
            if q in a.username.lower()
            or q in a.first_name.lower()
            or any(
                q in (m.pd or m.pemda).nama.lower() or (m.jabatan and q in m.jabatan.nama.lower())
                for m in a.roles
            )
        ]
    return render(request, "organisations/accounts.html", {"accounts": accounts, "q": shown})


@login_required
def account_new(request: HttpRequest) -> HttpResponse:
    from django.contrib import messages
    from django.http import HttpResponseForbidden
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from sopap.web.organisations.forms import AccountForm
    from sopap.web.organisations.services import account_create
    from sopap.web.shared.errors import DomainError

    places = _places(request)
    if not places["pds"] and not places["pemdas"]:
        return HttpResponseForbidden(_("Hanya admin organisasi yang dapat mengatur akun di sini."))
    form = AccountForm(request.POST or None, **places)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_create(
                actor=request.user,
                username=form.cleaned_data["username"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                role=form.cleaned_data["role"],
                **form.place(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Akun %(username)s dibuat. Serahkan nama pengguna dan kata sandi awalnya kepada pemiliknya."
                )
                % {"username": user.username},
            )
            return redirect("organisations:account", pk=user.pk)
    return render(
        request, "organisations/account_new.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from django.contrib import messages
    from django.http import Http404
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from sopap.web.organisations.forms import PasswordForm, RoleForm
    from sopap.web.organisations.selectors import (
        account_get,
        account_manageable,
        account_membership,
        account_roles,
    )
    from sopap.web.organisations.services import (
        account_role_add,
        account_role_remove,
        account_set_active,
        account_set_password,
        account_unlock,
    )
    from sopap.web.organisations.throttle import account_locked
    from sopap.web.shared.errors import DomainError

    account = account_get(pk=pk)
    if account is None or not account_manageable(actor=request.user, user=account):
        raise Http404
    places = _places(request)
    role_form = RoleForm(prefix="peran", **places)
    password_form = PasswordForm(prefix="sandi")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "add-role":
                role_form = RoleForm(request.POST, prefix="peran", **places)
                if role_form.is_valid():
                    account_role_add(
                        actor=request.user,
                        user=account,
                        role=role_form.cleaned_data["role"],
                        **role_form.place(),
                    )
                    messages.success(request, _("Peran ditambahkan."))
                    return redirect("organisations:account", pk=account.pk)
            elif action == "remove-role":
                raw = request.POST.get("membership", "")
                membership = account_membership(account=account, pk=int(raw)) if raw.isdigit() else None
                if membership is None:
                    raise Http404
                account_role_remove(actor=request.user, membership=membership)
                messages.success(request, _("Peran dicabut."))
                return redirect("organisations:account", pk=account.pk)
            elif action in ("deactivate", "activate"):
                account_set_active(actor=request.user, user=account, active=action == "activate")
                messages.success(
                    request, _("Akun diaktifkan.") if action == "activate" else _("Akun dinonaktifkan.")
                )
                return redirect("organisations:account", pk=account.pk)
            elif action == "unlock":
                account_unlock(actor=request.user, account=account)
                messages.success(request, _("Kunci akun dibuka; pemiliknya dapat masuk lagi."))
                return redirect("organisations:account", pk=account.pk)
            elif action == "password":
                password_form = PasswordForm(request.POST, prefix="sandi")
                if password_form.is_valid():
                    account_set_password(
                        actor=request.user, user=account, password=password_form.cleaned_data["password"]
                    )
                    if account.pk == request.user.pk:  # one's own password: stay logged in
                        from django.contrib.auth import update_session_auth_hash

                        update_session_auth_hash(request, account)
                    messages.success(request, _("Kata sandi baru tersimpan; serahkan kepada pemilik akun."))
                    return redirect("organisations:account", pk=account.pk)
        except DomainError as exc:
            messages.error(request, exc.message)
    roles = account_roles(account=account)
    events = account.account_events.select_related("actor")[:50]
    return render(
        request,
        "organisations/account_detail.html",
        {
            "account": account,
            "roles": roles,
            "role_form": role_form,
            "password_form": password_form,
            "events": events,
            "own": account.pk == request.user.pk,
            "locked": account_locked(username=account.get_username()),
        },
    )
