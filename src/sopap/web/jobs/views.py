from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sopap.web.jobs.selectors import job_of, jobs_of


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    """The user's jobs; while one is unfinished the list asks again every few seconds (htmx), and the
    answer without an unfinished job carries no trigger, so the polling stops by itself."""
    jobs = jobs_of(user=request.user)
    context = {"jobs": jobs, "polling": any(job.is_unfinished for job in jobs)}
    template = "jobs/_list.html" if request.headers.get("HX-Request") else "jobs/list.html"
    return render(request, template, context)


@login_required
def job_result(request: HttpRequest, pk: int) -> FileResponse:
    job = job_of(user=request.user, pk=pk)
    if job is None or not job.result_file:
        raise Http404
    try:
        handle = job.result_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=(job.result_file.name or "").rsplit("/", 1)[-1])
