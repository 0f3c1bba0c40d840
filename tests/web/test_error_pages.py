"""403, 404 and 500 in the app's layout and language, each with the way back."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from sopap.web.error_pages import permission_denied, server_error
from tests.web.conftest import fresh


@pytest.mark.django_db
def test_a_missing_page_is_indonesian_in_the_apps_layout_with_the_way_back(client):
    response = client.get("/tidak-ada/")
    text = response.content.decode()
    assert response.status_code == 404
    assert '<h1 id="err-h">Halaman tidak ditemukan</h1>' in text
    assert 'class="top"' in text  # the app's header, not Django's bare page
    assert f'href="{reverse("catalog:index")}"' in text and "Ke katalog SOP" in text
    assert "Not Found" not in text


@pytest.mark.django_db
def test_a_missing_sop_gives_the_same_page(login, world):
    response = login(fresh(world.drafter)).get(reverse("workflow:sop_detail", args=[999999]))
    assert response.status_code == 404 and "Ke daftar SOP" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_speaks_english_on_the_english_locale(client):
    client.cookies["django_language"] = "en"
    text = client.get("/tidak-ada/").content.decode()
    assert "Page not found" in text and "To the SOP catalog" in text


@pytest.mark.django_db
def test_a_refusal_says_why_in_the_apps_layout(login, world):
    response = login(fresh(world.drafter)).get(reverse("organisations:settings", args=[world.pd.pk]))
    text = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak" in text and "Hanya admin organisasi yang dapat mengatur perangkat daerah." in text
    assert 'class="top"' in text and "Ke daftar SOP" in text


@pytest.mark.django_db
def test_an_anonymous_refusal_offers_to_log_in_and_come_back():
    request = RequestFactory().get("/sop/12/")
    request.user = AnonymousUser()
    text = permission_denied(request).content.decode()
    assert f'href="{reverse("organisations:login")}?next=/sop/12/"' in text
    assert "Halaman ini hanya untuk pengguna yang sudah masuk." in text


@pytest.mark.django_db
def test_the_500_page_needs_no_database_and_no_request_context(django_assert_num_queries):
    request = RequestFactory().get("/sop/12/")  # no user, no session: whatever failed may be those
    with django_assert_num_queries(0):
        response = server_error(request)
    text = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in text and 'class="top"' in text
    assert f'href="{reverse("catalog:index")}"' in text
    assert "Keluar" not in text and "Masuk" not in text  # no user to speak of
    with translation.override("en"):
        assert "Server error" in server_error(request).content.decode()


@pytest.mark.django_db
def test_a_failing_view_gives_the_500_page(world, monkeypatch):
    from sopap.web.catalog import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "catalog_list_rows", broken)
    client = Client(raise_request_exception=False)
    response = client.get(reverse("catalog:index"))
    assert response.status_code == 500 and "Terjadi kesalahan pada server" in response.content.decode()


@pytest.mark.django_db
def test_a_form_sent_without_its_security_token_gets_a_page_in_words(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(fresh(world.drafter))
    response = client.post(reverse("organisations:logout"))
    text = response.content.decode()
    assert response.status_code == 403 and "Formulir kedaluwarsa" in text and "CSRF" not in text
