"""Monitoring pages: SOPs in force with their monitorings, evaluations and review dates; the reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sopap.web.authoring.models import SopDocument
from sopap.web.error_pages import forbidden
from sopap.web.monitoring.due import tasks_for
from sopap.web.monitoring.forms import EvaluationForm, MonitoringForm, ReviewForm
from sopap.web.monitoring.models import CRITERIA
from sopap.web.monitoring.selectors import (
    Periode,
    can_read,
    can_record,
    document_get,
    evaluation_of,
    evaluation_version,
    in_force_counts,
    in_force_total,
    overview,
    period_report,
    periods,
    report_letterhead,
    report_pds,
    review_due_of,
    steps_evaluated,
)
from sopap.web.monitoring.services import NOT_A_RECORDER, evaluation_record, monitoring_record, review_record
from sopap.web.organisations.selectors import pd_get, pd_ids_with_role
from sopap.web.shared.errors import DomainError, StaleVersion
from sopap.web.shared.paging import page_of
from sopap.web.workflow.selectors import returns_open


def _period(request: HttpRequest) -> Periode:
    """The period asked for (``?periode=2026-S2``, ``2026-T3`` or ``2026``; or ``?tahun=2026&semester=2``),
    else the current semester."""
    try:
        if "periode" in request.GET:
            return Periode.parse(request.GET["periode"])
        if "tahun" in request.GET:
            return Periode("semester", int(request.GET["tahun"]), int(request.GET.get("semester", 1)))
    except ValueError:
        raise Http404 from None
    return Periode.containing("semester", timezone.localdate())


def _periods(today: dt.date, shown: Periode) -> list[tuple[str, list[Periode]]]:
    """The recent quarters, semesters and years for the period picker, with the one shown."""
    groups = []
    for kind, label, count in (
        ("triwulan", _("Triwulan"), 4),
        ("semester", _("Semester"), 4),
        ("tahun", _("Tahun"), 3),
    ):
        periods = [Periode.containing(kind, today)]
        while len(periods) < count:
            periods.append(periods[-1].previous())
        if shown.kind == kind and shown not in periods:
            periods = sorted([*periods, shown], key=lambda p: p.bounds, reverse=True)
        groups.append((label, periods))
    return groups


# Up to this many SOPs in force, a Pemda-wide role sees them all on one page; past it, the page lists the
# Perangkat Daerah with their counts and each one's SOPs are a click away.
ALL_ROWS_LIMIT = 300


@login_required
def monitoring_index(request: HttpRequest) -> HttpResponse:
    periode = _period(request)
    today = timezone.localdate()
    readable = pd_ids_with_role(user=request.user)
    raw = request.GET.get("pd", "")
    pd = pd_get(pk=int(raw)) if raw.isdigit() and int(raw) in readable else None
    context: dict[str, Any] = {"periode": periode, "periods": _periods(today, periode), "pd": pd}
    if pd is None and len(readable) > 1 and in_force_total(pd_ids=readable) > ALL_ROWS_LIMIT:
        context["counts"] = in_force_counts(user=request.user, periode=periode)
        return render(request, "monitoring/index.html", context)
    rows = overview(user=request.user, periode=periode, today=today, pd=pd)
    context.update(
        rows_total=len(rows),
        page=page_of(request, rows),
        overdue=sum(1 for r in rows if r.review_overdue),
        unmonitored=sum(1 for r in rows if not r.monitorings),
        several_pds=len(readable) > 1,
    )
    return render(request, "monitoring/index.html", context)


def _document(request: HttpRequest, pk: int) -> SopDocument:
    document = document_get(pk=pk)
    if document is None or not can_read(user=request.user, document=document):
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
    review_form = ReviewForm(
        request.POST if action == "review" else None, prefix="kaji", initial={"tanggal": today}
    )
    if request.method == "POST":
        if not allowed:
            return forbidden(request, NOT_A_RECORDER)
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
    years = sorted({y for p in spans for y in range(p.start.year, (p.end or today).year + 1)}, reverse=True)[
        :2
    ]
    return render(
        request,
        "monitoring/sop.html",
        {
            "document": document,
            "form": form,
            "review_form": review_form,
            "allowed": allowed,
            "monitorings": document.monitorings.select_related("by", "revision"),
            "evaluations": document.evaluations.select_related("by", "revision").prefetch_related(
                "entries__by"
            ),
            "reviews": reviews,
            "review_due": due,
            "review_overdue": bool(due and due < today and document.in_force_id),
            "years": years,
        },
        status=400 if form.errors or review_form.errors else 200,
    )


@login_required
def evaluation_edit(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    document = _document(request, pk)
    if not 2000 <= tahun <= timezone.localdate().year:
        raise Http404
    if not can_record(user=request.user, document=document):
        return forbidden(request, NOT_A_RECORDER)
    existing = evaluation_of(document=document, tahun=tahun)
    initial: dict[str, Any] = {"versi": evaluation_version(document=document, tahun=tahun)}
    if existing is not None:
        initial = {f"k_{key}": "ya" if existing.answers.get(key) else "tidak" for key, _label in CRITERIA}
        initial.update(rekomendasi=existing.rekomendasi, catatan=existing.catatan)
        initial.update({f"catatan_langkah_{n}": text for n, text in existing.catatan_langkah.items()})
    steps = steps_evaluated(document=document, tahun=tahun)
    form = EvaluationForm(request.POST or None, initial=initial, steps=steps)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_record(
                actor=request.user,
                document=document,
                tahun=tahun,
                answers=form.answers(),
                rekomendasi=form.cleaned_data["rekomendasi"],
                catatan=form.cleaned_data["catatan"],
                step_notes=form.step_notes(),
                loaded_version=form.cleaned_data["versi"],
            )
        except StaleVersion as exc:
            form.add_error(None, exc.message)
            form.show_version(exc.current_version)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Evaluasi tahun %(tahun)s tersimpan.") % {"tahun": tahun})
            return redirect("monitoring:sop", pk=document.pk)
    return render(
        request,
        "monitoring/evaluation.html",
        {
            "document": document,
            "form": form,
            "tahun": tahun,
            "existing": existing,
        },
        status=400 if form.errors else 200,
    )


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """The report of a quarter (to the head of the PD), a semester (to the mayor through the Sekda) or a
    year (to the governor)."""
    periode = _period(request)
    today = timezone.localdate()
    choices = report_pds(user=request.user)
    pd = None
    if request.GET.get("pd"):
        pd = next((p for p in choices if str(p.pk) == request.GET["pd"]), None)
        if pd is None:
            raise Http404
    summaries = period_report(user=request.user, periode=periode, today=today, pd=pd, readable=choices)
    if request.GET.get("unduh") == "xlsx":
        from sopap.web.monitoring.exports import report_xlsx

        response = HttpResponse(
            report_xlsx(summaries, periode=periode, today=today),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="laporan-sop-{periode.slug}.xlsx"'
        return response
    return render(
        request,
        "monitoring/report.html",
        {
            "summaries": summaries,
            "periode": periode,
            "periods": _periods(today, periode),
            "today": today,
            "pd": pd,
            "pd_choices": choices if len(choices) > 1 else [],
            "letterhead": report_letterhead(summaries),
        },
    )


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks = tasks_for(user=request.user, today=today)
    return render(
        request,
        "monitoring/tasks.html",
        {"tasks": tasks, "returned": returns_open(revisions=tasks.waiting), "today": today},
    )
