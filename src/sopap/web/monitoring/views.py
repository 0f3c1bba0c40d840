"""Monitoring pages: SOPs in force with their monitorings, evaluations and review dates; the semester report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.authoring.models import SopDocument
from sopap.web.monitoring.forms import EvaluationForm, MonitoringForm, ReviewForm
from sopap.web.monitoring.models import CRITERIA, Evaluation
from sopap.web.monitoring.selectors import (
    can_read,
    can_record,
    overview,
    periods,
    review_due_of,
    semester_of,
    semester_report,
)
from sopap.web.monitoring.services import evaluation_record, monitoring_record, review_record
from sopap.web.organisations.errors import DomainError


def _period(request: HttpRequest) -> tuple[int, int]:
    """The semester asked for (``?periode=2026-2`` from the picker, or ``?tahun=2026&semester=2``), else
    the current one."""
    tahun, semester = semester_of(timezone.localdate())
    try:
        if "periode" in request.GET:
            tahun_text, _sep, semester_text = request.GET["periode"].partition("-")
            tahun, semester = int(tahun_text), int(semester_text)
        else:
            tahun = int(request.GET.get("tahun", tahun))
            semester = int(request.GET.get("semester", semester))
    except ValueError:
        raise Http404 from None
    if semester not in (1, 2) or not 2000 <= tahun <= 2100:
        raise Http404
    return tahun, semester


def _periods(today: dt.date, shown: tuple[int, int]) -> list[tuple[int, int]]:
    """The current semester and the five before it for the period picker, with the one shown."""
    tahun, semester = semester_of(today)
    out = []
    for _i in range(6):
        out.append((tahun, semester))
        tahun, semester = (tahun, 1) if semester == 2 else (tahun - 1, 2)
    if shown not in out:
        out.append(shown)
    return sorted(out, reverse=True)


@login_required
def monitoring_index(request: HttpRequest) -> HttpResponse:
    tahun, semester = _period(request)
    today = timezone.localdate()
    rows = overview(user=request.user, tahun=tahun, semester=semester, today=today)
    return render(request, "monitoring/index.html", {
        "rows": rows, "tahun": tahun, "semester": semester, "periods": _periods(today, (tahun, semester)),
        "overdue": sum(1 for r in rows if r.review_overdue),
        "unmonitored": sum(1 for r in rows if not r.monitorings),
    })


def _document(request: HttpRequest, pk: int) -> SopDocument:
    document = get_object_or_404(SopDocument.objects.select_related("pd", "in_force"), pk=pk)
    if not can_read(user=request.user, document=document):
        raise Http404
    return document


@login_required
def monitoring_sop(request: HttpRequest, pk: int) -> HttpResponse:
    """One SOP: its monitorings, reviews and evaluations; the forms to record a monitoring or a review."""
    document = _document(request, pk)
    today = timezone.localdate()
    spans = periods(document.revisions.all()).get(document.pk, [])
    allowed = can_record(user=request.user, document=document) and bool(spans)
    action = request.POST.get("action", "monitoring") if request.method == "POST" else ""
    form = MonitoringForm(request.POST if action == "monitoring" else None, initial={"tanggal": today})
    review_form = ReviewForm(request.POST if action == "review" else None, prefix="kaji", initial={"tanggal": today})
    if request.method == "POST":
        if not allowed:
            return HttpResponse(_("Monitoring dan evaluasi dicatat oleh atasan di perangkat daerah ini atau admin organisasi."), status=403)
        bound = review_form if action == "review" else form
        if bound.is_valid():
            try:
                if action == "review":
                    review_record(actor=request.user, document=document, **review_form.cleaned_data)
                    messages.success(request, _("Kaji ulang tercatat."))
                else:
                    monitoring_record(actor=request.user, document=document, **form.cleaned_data)
                    messages.success(request, _("Monitoring tercatat."))
            except DomainError as exc:
                bound.add_error(None, exc.message)
            else:
                return redirect("monitoring:sop", pk=document.pk)
    reviews = list(document.reviews.select_related("by", "revision"))
    current = spans[-1].revision if spans else None
    due = review_due_of(revision=current, reviews=reviews, asof=today) if current else None
    years = sorted({y for p in spans for y in range(p.start.year, (p.end or today).year + 1)}, reverse=True)[:2]
    return render(request, "monitoring/sop.html", {
        "document": document, "form": form, "review_form": review_form, "allowed": allowed,
        "monitorings": document.monitorings.select_related("by", "revision"),
        "evaluations": document.evaluations.select_related("by", "revision"),
        "reviews": reviews, "review_due": due, "review_overdue": bool(due and due < today and document.in_force_id),
        "years": years,
    }, status=400 if form.errors or review_form.errors else 200)


@login_required
def evaluation_edit(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    document = _document(request, pk)
    if not 2000 <= tahun <= timezone.localdate().year:
        raise Http404
    if not can_record(user=request.user, document=document):
        return HttpResponse(_("Monitoring dan evaluasi dicatat oleh atasan di perangkat daerah ini atau admin organisasi."), status=403)
    existing = Evaluation.objects.filter(document=document, tahun=tahun).first()
    initial: dict[str, Any] = {}
    if existing is not None:
        initial = {f"k_{key}": "ya" if existing.answers.get(key) else "tidak" for key, _label in CRITERIA}
        initial.update(rekomendasi=existing.rekomendasi, catatan=existing.catatan)
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_record(actor=request.user, document=document, tahun=tahun, answers=form.answers(),
                              rekomendasi=form.cleaned_data["rekomendasi"], catatan=form.cleaned_data["catatan"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Evaluasi tahun %(tahun)s tersimpan.") % {"tahun": tahun})
            return redirect("monitoring:sop", pk=document.pk)
    return render(request, "monitoring/evaluation.html", {
        "document": document, "form": form, "tahun": tahun, "existing": existing,
    }, status=400 if form.errors else 200)


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """The semester report to the head of region through the Sekretaris Daerah (Pasal 28 (1))."""
    tahun, semester = _period(request)
    today = timezone.localdate()
    summaries = semester_report(user=request.user, tahun=tahun, semester=semester, today=today)
    if request.GET.get("unduh") == "xlsx":
        from sopap.web.monitoring.exports import report_xlsx

        response = HttpResponse(
            report_xlsx(summaries, tahun=tahun, semester=semester, today=today),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="laporan-sop-{tahun}-semester-{semester}.xlsx"'
        return response
    return render(request, "monitoring/report.html", {
        "summaries": summaries, "tahun": tahun, "semester": semester, "periods": _periods(today, (tahun, semester)),
        "today": today,
    })
