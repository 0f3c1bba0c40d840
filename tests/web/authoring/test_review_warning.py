"""The editor leaves the two-yearly review to the monitoring app: an old tanggal efektif in a draft made from
a file is not reported as an overdue review, while the CLI, which has only the file, still reports it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sopap.core.rules import lint_text
from sopap.web.authoring import editor
from tests.web.conftest import SOP_DATA

pytestmark = pytest.mark.django_db

OLD = dict(SOP_DATA, tanggal_pembuatan=dt.date(2019, 1, 2), tanggal_efektif=dt.date(2019, 4, 30))


def test_the_core_reports_an_old_tanggal_efektif_as_an_overdue_review(make_sop):
    sop = make_sop(data=OLD)
    codes = {d.code for d in lint_text(sop.yaml_text).diagnostics}
    assert "review-overdue" in codes


def test_the_editor_does_not_tell_a_draft_from_an_old_file_that_its_review_is_overdue(make_sop):
    sop = make_sop(data=OLD)
    view = editor.lint(sop.yaml_text)
    assert "review-overdue" not in {d.code for d in view.result.diagnostics}


def test_the_sop_page_of_a_draft_from_an_old_file_shows_no_review_warning(make_sop, login, world):
    sop = make_sop(data=OLD)
    page = login(world.drafter).get(reverse("workflow:sop_detail", args=[sop.document_id]))
    assert page.status_code == 200
    assert "kaji ulang terlambat" not in page.content.decode()
