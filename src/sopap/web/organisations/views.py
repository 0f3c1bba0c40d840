from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sopap.web.error_pages import forbidden
from sopap.web.organisations.forms import (
    AccountForm,
    ContactForm,
    DigestForm,
    OwnPasswordForm,
    PasswordForm,
    RoleForm,
)
from sopap.web.organisations.models import Role
from sopap.web.organisations.numbering import example, validate_pattern
from sopap.web.organisations.selectors import (
    account_get,
    account_manageable,
    account_membership,
    account_roles,
    accounts_for_admin,
    jabatan_names,
    jabatan_of,
    memberships_of,
    pd_events,
    pd_get_visible,
    pds_for_admin,
    pds_with_structure,
    pemdas_for_admin,
    profile_of,
    units_of,
    user_has_role,
    verification_chain,
)
from sopap.web.organisations.services import (
    account_contact_update,
    account_create,
    account_digest_set,
    account_password_change,
    account_role_add,
    account_role_remove,
    account_set_active,
    account_set_password,
    account_unlock,
    certificate_remove,
    certificate_set,
    logo_set,
    pd_settings_update,
)
from sopap.web.organisations.throttle import account_locked
from sopap.web.shared.errors import DomainError, FieldErrors, PermissionDenied

if TYPE_CHECKING:
    from sopap.web.organisations.forms import PasswordForm, RoleForm


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    pds = pds_with_structure(user=request.user)

    admin = Role.ADMIN in {m.role for m in memberships_of(user=request.user)}
    rows = [
        {
            "pd": pd,
            "can_configure": admin,
            "units": units_of(pd=pd),
            "jabatan": jabatan_names(pd=pd),
            "chain": verification_chain(pd=pd),
            "contoh_nomor": _number_example(pd),
            "logo_missing": not (pd.pemda.logo.name or pd.logo.name),
        }
        for pd in pds
    ]
    return render(request, "organisations/list.html", {"rows": rows})


def _number_example(pd: Any) -> str:
    """What a number of this PD looks like: people read "12.01.2026", not "{kode_pd}.{urut:02}.{tahun}"."""
    if not pd.pola_nomor or validate_pattern(pd.pola_nomor):
        return ""
    return example(
        pd.pola_nomor, kode_pd=pd.kode or "", singkatan=pd.singkatan or "", tahun=dt.date.today().year
    )


CHAIN_SLOTS = 5


def _pd_of_admin(request: HttpRequest, pk: int) -> Any:
    """The PD ``pk`` when the user is its admin organisasi; else the page that says why not (404 for a PD
    they cannot see at all)."""
    pd = pd_get_visible(user=request.user, pk=pk)
    if pd is None:
        raise Http404
    if not user_has_role(user=request.user, role=Role.ADMIN, pd=pd):
        return forbidden(request, _("Hanya admin organisasi yang dapat mengatur perangkat daerah."))
    return pd


@login_required
def pd_settings(request: HttpRequest, pk: int) -> HttpResponse:
    pd = _pd_of_admin(request, pk)
    if isinstance(pd, HttpResponse):
        return pd
    jabatan = jabatan_of(pd=pd)
    chain_ids = [s.jabatan_id for s in verification_chain(pd=pd)]
    pola = pd.pola_nomor
    restart = pd.nomor_ulang_tahunan
    trial = pd.uji_coba_wajib
    if request.method == "POST":
        trial = request.POST.get("uji_coba_wajib") == "1"
        pola = request.POST.get("pola_nomor", "")
        restart = request.POST.get("nomor_ulang_tahunan") == "1"
        picked = [int(v) for v in request.POST.getlist("rantai") if v.isdigit()]
        by_id = {j.pk: j for j in jabatan_of(pd=pd, ids=picked)}
        try:
            pd_settings_update(
                pd=pd,
                actor=request.user,
                pola_nomor=pola,
                chain=[by_id[i] for i in picked if i in by_id],
                nomor_ulang_tahunan=restart,
                uji_coba_wajib=trial,
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
            "restart": restart,
            "trial": trial,
            "contoh": contoh,
            "events": pd_events(pd=pd),
        },
    )


# ------------------------------------------------------------------------------------------- accounts


def _places(request: HttpRequest) -> dict[str, Any]:
    """Where the signed-in admin may give roles: their Perangkat Daerah and their Pemda-wide scope."""

    return {"pds": pds_for_admin(actor=request.user), "pemdas": pemdas_for_admin(actor=request.user)}


@login_required
def account_list(request: HttpRequest) -> HttpResponse:

    if not user_has_role(user=request.user, role=Role.ADMIN):
        return forbidden(request, _("Hanya admin organisasi yang dapat mengatur akun di sini."))
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

    places = _places(request)
    if not places["pds"] and not places["pemdas"]:
        return forbidden(request, _("Hanya admin organisasi yang dapat mengatur akun di sini."))
    form = AccountForm(request.POST or None, **places)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_create(
                actor=request.user,
                username=form.cleaned_data["username"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                role=form.cleaned_data["role"],
                email=form.cleaned_data["email"],
                nip=form.cleaned_data["nip"],
                **form.place(),
            )
        except FieldErrors as exc:  # what changed between the form's checks and the write (a name taken)
            form.show(exc.errors)
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


@dataclass
class _AccountPost:
    """One POST to an account's page: its handler rebinds a form so that its errors are shown."""

    request: HttpRequest
    account: Any
    places: dict[str, Any]
    role_form: RoleForm
    password_form: PasswordForm
    contact_form: ContactForm

    def done(self, message: str) -> HttpResponse:

        messages.success(self.request, message)
        return redirect("organisations:account", pk=self.account.pk)


def _add_role(post: _AccountPost) -> HttpResponse | None:

    post.role_form = RoleForm(post.request.POST, prefix="peran", **post.places)
    if not post.role_form.is_valid():
        return None
    try:
        account_role_add(
            actor=post.request.user,
            user=post.account,
            role=post.role_form.cleaned_data["role"],
            **post.role_form.place(),
        )
    except FieldErrors as exc:
        post.role_form.show(exc.errors)
        return None
    return post.done(_("Peran ditambahkan."))


def _remove_role(post: _AccountPost) -> HttpResponse | None:

    raw = post.request.POST.get("membership", "")
    membership = account_membership(account=post.account, pk=int(raw)) if raw.isdigit() else None
    if membership is None:
        raise Http404
    account_role_remove(actor=post.request.user, membership=membership)
    return post.done(_("Peran dicabut."))


def _activate(post: _AccountPost) -> HttpResponse | None:

    account_set_active(actor=post.request.user, user=post.account, active=True)
    return post.done(_("Akun diaktifkan."))


def _deactivate(post: _AccountPost) -> HttpResponse | None:

    account_set_active(actor=post.request.user, user=post.account, active=False)
    return post.done(_("Akun dinonaktifkan."))


def _unlock(post: _AccountPost) -> HttpResponse | None:

    account_unlock(actor=post.request.user, account=post.account)
    return post.done(_("Kunci akun dibuka; pemiliknya dapat masuk lagi."))


def _set_password(post: _AccountPost) -> HttpResponse | None:

    post.password_form = PasswordForm(post.request.POST, prefix="sandi")
    if not post.password_form.is_valid():
        return None
    account_set_password(
        actor=post.request.user, user=post.account, password=post.password_form.cleaned_data["password"]
    )
    if post.account.pk == post.request.user.pk:  # one's own password: stay logged in
        update_session_auth_hash(post.request, post.account)
    return post.done(_("Kata sandi baru tersimpan; serahkan kepada pemilik akun."))


def _set_contact(post: _AccountPost) -> HttpResponse | None:

    post.contact_form = ContactForm(post.request.POST, prefix="kontak")
    if not post.contact_form.is_valid():
        return None
    try:
        account_contact_update(
            actor=post.request.user,
            user=post.account,
            email=post.contact_form.cleaned_data["email"],
            nip=post.contact_form.cleaned_data["nip"],
        )
    except FieldErrors as exc:
        post.contact_form.show(exc.errors)
        return None
    return post.done(_("Surel dan NIP tersimpan."))


_ACCOUNT_ACTIONS: dict[str, Callable[[_AccountPost], HttpResponse | None]] = {
    "contact": _set_contact,
    "add-role": _add_role,
    "remove-role": _remove_role,
    "activate": _activate,
    "deactivate": _deactivate,
    "unlock": _unlock,
    "password": _set_password,
}


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:

    account = account_get(pk=pk)
    if account is None:
        raise Http404
    if not account_manageable(actor=request.user, user=account):
        # The account exists: saying so tells the admin of another PD why the link led nowhere.
        return forbidden(
            request,
            _(
                "Anda tidak dapat mengelola akun ini: admin organisasi mengelola akun di perangkat daerah "
                "yang menjadi wewenangnya saja."
            ),
        )
    places = _places(request)
    post = _AccountPost(
        request,
        account,
        places,
        RoleForm(prefix="peran", **places),
        PasswordForm(prefix="sandi"),
        _contact_form(account),
    )
    handler = _ACCOUNT_ACTIONS.get(request.POST.get("action", "")) if request.method == "POST" else None
    if handler is not None:
        try:
            response = handler(post)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if response is not None:
                return response
    return render(
        request,
        "organisations/account_detail.html",
        {
            "account": account,
            "roles": account_roles(account=account),
            "role_form": post.role_form,
            "password_form": post.password_form,
            "contact_form": post.contact_form,
            "events": account.account_events.select_related("actor")[:50],
            "own": account.pk == request.user.pk,
            "locked": account_locked(username=account.get_username()),
        },
    )


def _contact_form(account: Any, data: Any = None) -> ContactForm:
    return ContactForm(
        data, prefix="kontak", initial={"email": account.email, "nip": profile_of(user=account).nip}
    )


@login_required
def own_account(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own account: their e-mail address and NIP, the daily digest, their roles."""
    user = request.user
    profile = profile_of(user=user)
    contact = _contact_form(user)
    digest = DigestForm(
        prefix="ringkasan", initial={"ringkasan_harian": profile.ringkasan_harian, "bahasa": profile.bahasa}
    )
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "contact":
        contact = _contact_form(user, request.POST)
        if contact.is_valid():
            try:
                account_contact_update(
                    actor=user,
                    user=user,
                    email=contact.cleaned_data["email"],
                    nip=contact.cleaned_data["nip"],
                )
            except FieldErrors as exc:
                contact.show(exc.errors)
            else:
                messages.success(request, _("Surel dan NIP tersimpan."))
                return redirect("organisations:own_account")
    elif action == "digest":
        digest = DigestForm(request.POST, prefix="ringkasan")
        if digest.is_valid():
            try:
                account_digest_set(
                    user=user,
                    enabled=digest.cleaned_data["ringkasan_harian"],
                    bahasa=digest.cleaned_data["bahasa"],
                )
            except DomainError as exc:
                digest.add_error(None, exc.message)
            else:
                messages.success(request, _("Pilihan ringkasan harian tersimpan."))
                return redirect("organisations:own_account")
    errors = bool(contact.errors or digest.errors)
    return render(
        request,
        "organisations/own_account.html",
        {
            "contact_form": contact,
            "digest_form": digest,
            "profile": profile,
            "roles": account_roles(account=user),
        },
        status=400 if errors else 200,
    )


class OwnPasswordView(auth_views.PasswordChangeView):
    """A signed-in user changes their own password; it is logged on their account like the admin's changes,
    and the session stays signed in."""

    template_name = "organisations/password_change.html"

    def get_form_class(self) -> Any:

        return OwnPasswordForm

    def form_valid(self, form: Any) -> HttpResponse:

        try:
            user = account_password_change(
                user=form.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        update_session_auth_hash(self.request, user)
        messages.success(
            self.request, _("Kata sandi Anda sudah diganti. Pakai kata sandi baru saat masuk lagi.")
        )
        return redirect(settings.LOGIN_REDIRECT_URL)


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The user's personal API tokens: make one (shown on this response only, never again), revoke one."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from sopap.web.organisations.selectors import token_of, tokens_of
    from sopap.web.organisations.services import token_create, token_revoke
    from sopap.web.shared.errors import DomainError

    created = ""
    name = ""
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "revoke":
                pk = request.POST.get("token", "")
                token = token_of(user=request.user, pk=int(pk)) if pk.isdigit() else None
                if token is None:
                    raise DomainError(_("Token itu tidak ada atau sudah dicabut."))
                token_revoke(user=request.user, token=token)
                messages.success(request, _("Token %(name)s dicabut.") % {"name": token.name})
                return redirect("organisations:api_tokens")
            name = request.POST.get("nama", "")
            _token, created = token_create(user=request.user, name=name)
            name = ""
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
    response = render(
        request,
        "organisations/api_tokens.html",
        {"tokens": tokens_of(user=request.user), "created": created, "name": name},
        status=status,
    )
    # The page that shows a new token must not stay in any cache (nor in the browser's history).
    response["Cache-Control"] = "no-store"
    return response


@login_required
def pd_logo(request: HttpRequest, pk: int) -> HttpResponse:
    """The admin organisasi uploads or removes the Pemda's logo (an admin of the whole Pemda) and the PD's."""
    from sopap.core.logo import MAX_BYTES

    pd = _pd_of_admin(request, pk)
    if isinstance(pd, HttpResponse):
        return pd
    pemda_admin = pd.pemda_id in {p.pk for p in pemdas_for_admin(actor=request.user)}
    status = 200
    if request.method == "POST":
        of_pemda = request.POST.get("milik") == "pemda"
        upload = request.FILES.get("logo")
        try:
            if request.POST.get("hapus") == "1":
                logo_set(pd=pd, actor=request.user, data=None, of_pemda=of_pemda)
                messages.success(request, _("Logo dihapus."))
            elif upload is None:
                raise DomainError(_("Pilih berkas logo (PNG, JPEG atau SVG)."))
            elif upload.size is None or upload.size > MAX_BYTES:
                raise DomainError(
                    _("Logo ditolak: lebih dari %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
                )
            else:
                logo_set(pd=pd, actor=request.user, data=upload.read(), of_pemda=of_pemda)
                messages.success(
                    request,
                    _(
                        "Logo tersimpan. Draf dan SOP yang ditetapkan sesudah ini mencetaknya; berkas resmi "
                        "SOP yang sudah ditetapkan tidak berubah."
                    ),
                )
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            return redirect("organisations:logo", pk=pd.pk)
    return render(
        request,
        "organisations/logo.html",
        {"pd": pd, "pemda_admin": pemda_admin, "max_mb": MAX_BYTES // (1024 * 1024)},
        status=status,
    )


@login_required
def pd_logo_file(request: HttpRequest, pk: int, milik: str) -> HttpResponse:
    """The stored logo itself, for the preview on the logo page."""
    from django.core.files.storage import default_storage

    pd = pd_get_visible(user=request.user, pk=pk)
    if pd is None or milik not in ("pemda", "pd"):
        raise Http404
    field = pd.pemda.logo if milik == "pemda" else pd.logo
    if not field.name:
        raise Http404
    try:
        with default_storage.open(field.name, "rb") as handle:
            body = handle.read()
    except (FileNotFoundError, OSError):
        raise Http404 from None
    media = "image/svg+xml" if field.name.endswith(".svg") else "image/png"
    response = HttpResponse(body, content_type=media)
    # Checked on upload; a sandbox all the same, should the file ever be opened on its own.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def pd_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The admin organisasi uploads, replaces or removes the PKCS#12 certificate the PD signs with, and the
    Pemda's (an admin of the whole Pemda). The page shows what the certificate is, never the file."""
    from sopap.web.organisations.certificates import MAX_BYTES, certificate_of, signer_source

    pd = _pd_of_admin(request, pk)
    if isinstance(pd, HttpResponse):
        return pd
    pemda_admin = pd.pemda_id in {p.pk for p in pemdas_for_admin(actor=request.user)}
    status = 200
    posted: dict[str, str] = {}
    if request.method == "POST":
        of_pemda = request.POST.get("milik") == "pemda"
        upload = request.FILES.get("berkas")
        # What the user typed comes back on a refusal; the passphrase never does.
        posted = {
            "milik": "pemda" if of_pemda else "pd",
            "jabatan": request.POST.get("jabatan", ""),
            "nip": request.POST.get("nip", ""),
            "bsre": "1" if request.POST.get("bsre") else "",
        }
        try:
            if request.POST.get("hapus") == "1":
                certificate_remove(pd=pd, actor=request.user, of_pemda=of_pemda)
                messages.success(
                    request, _("Sertifikat dihapus: dokumen tidak lagi ditandatangani dengannya.")
                )
            elif upload is None:
                raise DomainError(_("Pilih berkas sertifikat PKCS#12 (.p12 atau .pfx)."))
            elif upload.size is None or upload.size > MAX_BYTES:
                raise DomainError(
                    _("Sertifikat ditolak: berkasnya lebih dari %(mb)s MB.")
                    % {"mb": MAX_BYTES // (1024 * 1024)}
                )
            else:
                row = certificate_set(
                    pd=pd,
                    actor=request.user,
                    data=upload.read(),
                    passphrase=request.POST.get("sandi", ""),
                    of_pemda=of_pemda,
                    jabatan=posted["jabatan"],
                    nip=posted["nip"],
                    bsre=bool(posted["bsre"]),
                )
                messages.success(
                    request,
                    _(
                        "Sertifikat %(subjek)s tersimpan terenkripsi. SOP yang ditetapkan sesudah ini ditandatangani dengannya."
                    )
                    % {"subjek": row.subjek},
                )
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 403 if isinstance(exc, PermissionDenied) else 400
        else:
            return redirect("organisations:certificate", pk=pd.pk)
    source = signer_source(pemda=pd.pemda, pd=pd)
    response = render(
        request,
        "organisations/certificate.html",
        {
            "pd": pd,
            "pemda_admin": pemda_admin,
            "pd_cert": certificate_of(pemda=pd.pemda, pd=pd),
            "pemda_cert": certificate_of(pemda=pd.pemda, pd=None),
            "source": source,
            "max_mb": MAX_BYTES // (1024 * 1024),
            "posted": posted,
            "default_jabatan": pd.kepala_jabatan,
            "default_nip": pd.kepala_nip,
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response
