"""Bantuan: a short guide per role, in Indonesian (English on request), naming the articles each step follows."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sopap.web.organisations.help import GUIDES

pytestmark = pytest.mark.django_db

# What each role's guide must cite, read in Perwali Serang 50/2017.
ARTICLES = {
    "penyusun": ["Pasal 9 ayat (1)", "Pasal 14 ayat (1)", "Pasal 15", "Pasal 18 ayat (1)", "Pasal 27"],
    "verifikator": ["Pasal 18 ayat (2)", "Pasal 18 ayat (3)", "Pasal 24", "Pasal 25"],
    "kepala-pd": ["Pasal 19 ayat (1)", "Pasal 20", "Pasal 26 ayat (2)", "Pasal 28 ayat (1)"],
    "admin-organisasi": ["Pasal 12 ayat (2)", "Pasal 17", "Pasal 20", "Pasal 28"],
    "pembaca": ["Pasal 21 huruf e", "Pasal 22 ayat (1)"],
}


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("slug", list(ARTICLES))
def test_each_role_s_guide_opens_without_signing_in_and_names_its_articles(client, slug):
    response = client.get(reverse("help:guide", args=[slug]))
    assert response.status_code == 200
    text = text_of(response)
    assert "Perwali Serang 50/2017" in text
    # Permenpan RB 35/2012 is cited as a whole: its articles were not at hand to read, so none is named.
    assert not re.search(r"Permenpan[^.;]*Pasal", text)
    for article in ARTICLES[slug]:
        assert article in text, article
    guide = next(g for g in GUIDES if g.slug == slug)
    assert text.count("Dasar:") == sum(1 for s in guide.steps if s.basis) >= 3


def test_every_page_has_bantuan_in_the_header(client, world, login):
    for page in (
        client.get(reverse("catalog:index")),
        login(world.drafter).get(reverse("workflow:sop_list")),
    ):
        header = re.search(r'<header class="top">.*?</header>', page.content.decode(), re.S)
        assert header is not None and f'href="{reverse("help:index")}"' in header.group(0)
        assert ">Bantuan<" in header.group(0)


def test_the_help_index_puts_the_user_s_own_guides_first(client, world, login):
    page = login(world.verifier1).get(reverse("help:index")).content.decode()
    mine = re.search(r'id="mine-h".*?</section>', page, re.S)
    assert mine is not None
    assert reverse("help:guide", args=["verifikator"]) in mine.group(0)
    assert reverse("help:guide", args=["penyusun"]) not in mine.group(0)
    client.logout()
    everyone = client.get(reverse("help:index")).content.decode()
    assert 'id="mine-h"' not in everyone
    for guide in GUIDES:
        assert reverse("help:guide", args=[guide.slug]) in everyone


def test_an_auditor_is_pointed_to_the_reader_s_guide(world, login):
    page = login(world.auditor).get(reverse("help:index")).content.decode()
    mine = re.search(r'id="mine-h".*?</section>', page, re.S)
    assert mine is not None and reverse("help:guide", args=["pembaca"]) in mine.group(0)


def test_the_guides_read_in_english_when_english_is_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/bantuan/"})
    text = text_of(client.get(reverse("help:guide", args=["penyusun"])))
    assert "Submit for verification" in text
    assert "Article 9(1)" in text
    assert "Ajukan untuk verifikasi" not in text


def test_an_unknown_guide_is_not_found(client):
    assert client.get(reverse("help:guide", args=["bupati"])).status_code == 404
