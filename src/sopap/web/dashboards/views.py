"""/dasbor/: where the SOPs of a PD (or of the whole Pemda, for the Bagian Organisasi) stand."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.dashboards.charts import Bar, bar_chart
from sopap.web.dashboards.selectors import dashboard, dashboard_scope
from sopap.web.error_pages import forbidden


@login_required
def dashboard_index(request: HttpRequest) -> HttpResponse:
    scope = dashboard_scope(user=request.user, pd_id=request.GET.get("pd", ""))
    if scope is None:
        return forbidden(request, _("Dasbor hanya untuk pengguna yang tercatat di sebuah perangkat daerah."))
    board = dashboard(scope=scope, today=timezone.localdate())
    charts = {
        "status": bar_chart(
            [Bar(label, (n,)) for _s, label, n in board.by_status], title=_("SOP menurut status")
        ),
        "groups": bar_chart(
            [Bar(g.name, (g.in_force, g.in_progress)) for g in board.groups],
            title=_("SOP per unit") if board.grouped_by_unit else _("SOP per perangkat daerah"),
            series=[_("Berlaku"), _("Dalam proses")],
        ),
        "reviews": bar_chart(
            [
                Bar(_("Terlambat"), (board.reviews.overdue,)),
                Bar(_("Jatuh tempo dalam 90 hari"), (board.reviews.soon,)),
                Bar(_("Kemudian"), (board.reviews.later,)),
            ],
            title=_("Kaji ulang SOP berlaku"),
        ),
        "monitoring": bar_chart(
            [Bar(label, (n,)) for label, n in board.monitoring_results], title=_("Hasil monitoring")
        ),
        "criteria": bar_chart(
            [Bar(c.label, (c.ya, c.tidak)) for c in board.criteria],
            title=_("Evaluasi per kriteria"),
            series=[_("Ya"), _("Tidak")],
        ),
    }
    return render(request, "dashboards/index.html", {"board": board, "charts": charts})
