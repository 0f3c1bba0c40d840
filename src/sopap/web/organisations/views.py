from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sopap.web.organisations.models import PerangkatDaerah
from sopap.web.organisations.selectors import (
    jabatan_names,
    memberships_of,
    pd_ids_with_role,
    units_of,
    verification_chain,
)


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    pds = PerangkatDaerah.objects.filter(id__in=pd_ids_with_role(user=request.user)).select_related("pemda")
    from sopap.web.organisations.models import Role

    admin = Role.ADMIN in {m.role for m in memberships_of(user=request.user)}
    rows = [
        {"pd": pd, "can_configure": admin, "units": units_of(pd=pd), "jabatan": jabatan_names(pd=pd), "chain": verification_chain(pd=pd)}
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

    from sopap.web.organisations.errors import DomainError
    from sopap.web.organisations.models import Jabatan, Role
    from sopap.web.organisations.selectors import user_has_role
    from sopap.web.organisations.services import pd_settings_update
    from sopap.web.workflow.numbering import example

    pd = PerangkatDaerah.objects.filter(pk=pk, id__in=pd_ids_with_role(user=request.user)).first()
    if pd is None:
        raise Http404
    if not user_has_role(user=request.user, role=Role.ADMIN, pd=pd):
        return HttpResponseForbidden(_("Hanya admin organisasi yang dapat mengatur perangkat daerah."))
    jabatan = list(Jabatan.objects.filter(pd=pd))
    chain_ids = [s.jabatan_id for s in verification_chain(pd=pd)]
    pola = pd.pola_nomor
    if request.method == "POST":
        pola = request.POST.get("pola_nomor", "")
        picked = [int(v) for v in request.POST.getlist("rantai") if v.isdigit()]
        by_id = {j.pk: j for j in Jabatan.objects.filter(pk__in=picked)}
        try:
            pd_settings_update(pd=pd, actor=request.user, pola_nomor=pola,
                               chain=[by_id[i] for i in picked if i in by_id])
        except DomainError as exc:
            messages.error(request, exc.message)
            chain_ids = picked
        else:
            messages.success(request, _("Pengaturan perangkat daerah tersimpan."))
            return redirect("organisations:list")
    slots = [chain_ids[i] if i < len(chain_ids) else None for i in range(CHAIN_SLOTS)]
    try:
        contoh = example(pola, kode_pd=pd.kode or "12", singkatan=pd.singkatan or "DKISP") if pola else ""
    except (KeyError, ValueError, IndexError):
        contoh = ""
    return render(request, "organisations/settings.html",
                  {"pd": pd, "jabatan": jabatan, "slots": slots, "pola": pola, "contoh": contoh})
