"""Background jobs as their user follows them on "Pekerjaan saya": queued by the work that needs them,
run by the worker, with progress and a result or an error; the page polls only while one is unfinished."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.tasks import task
from django.urls import reverse

from sopap.web.authoring.models import RenderedFile
from sopap.web.authoring.tasks import warm_formats
from sopap.web.jobs.models import Job
from sopap.web.jobs.services import job_enqueue, job_running
from sopap.web.shared.errors import DomainError
from tests.web.tasks import run_queued


@task()
def refused_work(*, job_id: int | None = None) -> None:
    with job_running(job_id):
        raise DomainError("Berkas impor tidak bisa dibaca.")


@task()
def broken_work(*, job_id: int | None = None) -> None:
    with job_running(job_id):
        raise RuntimeError("internal detail nobody should read")


@task()
def book_work(*, job_id: int | None = None) -> None:
    with job_running(job_id) as job:
        job.progress(50, "Halaman 1 dari 2")
        job.result_content("buku.txt", b"isi buku")


def _decree(to_state: Any, make_sop: Any, capture: Any) -> Any:
    with capture(execute=True):
        return to_state(make_sop(), "berlaku")


@pytest.mark.django_db
def test_a_decree_queues_a_job_for_whoever_decreed_it_that_the_worker_runs_into_the_cache(
    world: Any, make_sop: Any, to_state: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    sop = _decree(to_state, make_sop, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert (job.user, job.state, job.progress, job.task_id != "") == (world.admin, Job.State.QUEUED, 0, True)
    assert "Mekanisme Penyusunan SPJ" in job.title

    page = login(world.admin).get(reverse("jobs:list")).content.decode()
    assert "Menunggu giliran" in page and 'hx-trigger="every 2s"' in page

    run_queued()
    job.refresh_from_db()
    assert (job.state, job.progress, job.error) == (Job.State.SUCCEEDED, 100, "")
    assert job.result_url == reverse("authoring:download", args=[sop.pk, "pdf"])
    assert sorted(RenderedFile.objects.filter(revision=sop).values_list("fmt", flat=True)) == sorted(
        warm_formats()
    )
    page = login(world.admin).get(reverse("jobs:list")).content.decode()
    assert "Selesai" in page and job.result_url in page and "hx-trigger" not in page


@pytest.mark.django_db
def test_the_page_polls_while_a_job_runs_and_the_answer_without_one_carries_no_trigger(
    world: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(world.drafter)
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(user=world.drafter, title="Buku SOP", task=book_work)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, progress=40, message="Halaman 1 dari 2")

    polled = client.get(reverse("jobs:list"), headers={"HX-Request": "true"}).content.decode()
    assert polled.startswith('<div id="job-list" hx-get="/pekerjaan/" hx-trigger="every 2s"')
    assert 'value="40"' in polled and "Halaman 1 dari 2" in polled and "<html" not in polled

    run_queued()
    done = client.get(reverse("jobs:list"), headers={"HX-Request": "true"}).content.decode()
    assert done.startswith('<div id="job-list" aria-live="polite">') and "hx-get" not in done
    assert reverse("jobs:result", args=[job.pk]) in done


@pytest.mark.django_db
def test_a_result_file_is_downloaded_by_the_owner_of_the_job_and_by_nobody_else(
    world: Any, login: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(user=world.drafter, title="Buku SOP", task=book_work)
    run_queued()
    url = reverse("jobs:result", args=[job.pk])

    response = login(world.drafter).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"isi buku"
    assert "attachment" in response["Content-Disposition"]
    assert login(world.drafter2).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_a_refused_job_shows_why_and_an_unexpected_error_shows_no_internals(
    world: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        refused = job_enqueue(user=world.drafter, title="Impor besar", task=refused_work)
        broken = job_enqueue(user=world.drafter, title="Impor lain", task=broken_work)
    run_queued()
    refused.refresh_from_db()
    broken.refresh_from_db()
    assert (refused.state, refused.error) == (Job.State.FAILED, "Berkas impor tidak bisa dibaca.")
    assert (broken.state, broken.error) == (Job.State.FAILED, "")

    page = login(world.drafter).get(reverse("jobs:list")).content.decode()
    assert "Berkas impor tidak bisa dibaca." in page
    assert "galat di server" in page and "internal detail" not in page and "hx-trigger" not in page


@pytest.mark.django_db
def test_each_user_sees_only_their_own_jobs_and_tugas_saya_links_the_page(
    world: Any, login: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job_enqueue(user=world.drafter, title="Pekerjaan penyusun", task=book_work)
    page = login(world.drafter2).get(reverse("jobs:list")).content.decode()
    assert "Pekerjaan penyusun" not in page and "Anda belum punya pekerjaan latar belakang." in page
    tasks = login(world.drafter2).get(reverse("tasks")).content.decode()
    assert f'href="{reverse("jobs:list")}"' in tasks
    client = login(world.drafter)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("jobs:list")).content.decode()
    assert "<h1>My jobs</h1>" in english and "Pekerjaan penyusun" in english and "Queued" in english
