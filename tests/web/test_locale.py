from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

LOCALE = Path(__file__).resolve().parents[2] / "src" / "sopap" / "web" / "locale"


def entries(lang: str) -> list[tuple[str, list[str]]]:
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    out = []
    for block in text.split("\n\n")[1:]:
        # A long string is written as "" followed by continuation lines, each in quotes.
        msgid = "".join(re.findall(r'"(.*)"', "".join(re.findall(r'^msgid ((?:".*"\n?)+)', block, re.M))))
        msgstrs = [
            "".join(re.findall(r'"(.*)"', value))
            for value in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        ]
        if msgid:
            out.append((msgid, msgstrs))
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_message_is_translated(lang):
    found = entries(lang)
    assert len(found) > 200
    assert [msgid for msgid, msgstrs in found if not all(msgstrs)] == []
    assert (LOCALE / lang / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.django_db
def test_the_interface_speaks_indonesian_first_and_english_on_request(client):
    page = client.get(reverse("catalog:index")).content.decode()
    assert '<html lang="id">' in page and "Katalog SOP yang berlaku" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/katalog/"})
    page = client.get(reverse("catalog:index")).content.decode()
    assert '<html lang="en">' in page and "Catalog of SOPs in force" in page and "Log in" in page


@pytest.mark.django_db
def test_an_english_browser_still_gets_indonesian_until_the_user_chooses(client):
    page = client.get(
        reverse("catalog:index"), headers={"accept-language": "en-US,en;q=0.9"}
    ).content.decode()
    assert '<html lang="id">' in page
