"""The core's and the CLI's words come from gettext catalogs: complete, compiled, and in step with the code."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sopap.core.diagnostics.messages import MESSAGES
from sopap.core.i18n import LOCALE_DIR, Text, tr, trn

ROOT = Path(__file__).resolve().parents[2]


def entries(lang: str) -> list[tuple[str, str, list[str], bool]]:
    """(context, msgid, msgstrs, fuzzy) of every entry of a catalog, read without a .po library."""
    text = (LOCALE_DIR / lang / "LC_MESSAGES" / "sopap.po").read_text(encoding="utf-8")
    out = []
    for block in text.split("\n\n")[1:]:

        def joined(keyword: str, block: str = block) -> str:
            found = re.search(rf'^{keyword} ((?:".*"\n?)+)', block, re.M)
            return "".join(re.findall(r'"(.*)"', found.group(1))) if found else ""

        msgid = joined("msgid")
        if not msgid:
            continue
        msgstrs = [
            "".join(re.findall(r'"(.*)"', v))
            for v in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        ]
        out.append((joined("msgctxt"), msgid, msgstrs, "#, fuzzy" in block or ", fuzzy" in block))
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_text_of_the_core_is_translated_and_none_is_fuzzy(lang):
    found = entries(lang)
    assert len(found) > 200
    assert [msgid for _, msgid, msgstrs, fuzzy in found if fuzzy or not all(msgstrs)] == []


def test_the_english_catalog_says_it_in_english_not_in_indonesian():
    same = [
        msgid
        for _, msgid, msgstrs, _ in entries("en")
        if msgstrs[0] == msgid and re.search(r"[a-z]{4}", msgid)
    ]
    # Words that are the same in both languages (a column head "Output", a symbol name) are few.
    assert len(same) < 15, same


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_compiled_catalog_holds_what_the_po_file_says(lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "sopap.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for context, msgid, msgstrs, _ in entries(lang):
        if len(msgstrs) > 1 or "\\" in msgid:
            continue
        key = f"{context}\x04{msgid}" if context else msgid
        assert compiled.gettext(key) == msgstrs[0], msgid


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext is installed by scripts/system-deps.sh"
)
def test_every_marked_text_in_the_code_is_in_the_catalog(tmp_path):
    sources = sorted(str(p) for d in ("src/sopap/core", "src/sopap/cli") for p in (ROOT / d).rglob("*.py"))
    template = tmp_path / "sopap.pot"
    # The keywords scripts/messages.sh extracts with, so the test and the script cannot drift apart.
    keywords = re.findall(r"--keyword=(\S+)", (ROOT / "scripts" / "messages.sh").read_text(encoding="utf-8"))
    subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "--keyword=", "--no-wrap", "-o", str(template)]
        + [f"--keyword={k}" for k in keywords]
        + sources,
        check=True,
    )
    in_code = set(re.findall(r'^msgid "(.+)"$', template.read_text(encoding="utf-8"), re.M))
    in_catalog = {msgid for _, msgid, _, _ in entries("en")}
    assert sorted(in_code - in_catalog) == [], "run: bash scripts/messages.sh core, then translate"


def test_every_rule_message_reads_in_both_languages_without_backticks():
    for code, template in MESSAGES.items():
        if template == "{detail}":
            continue
        fields = set(re.findall(r"{(\w+)}", template))
        params = {name: Text("x") for name in fields}
        indonesian, english = tr(template, "id", **params), tr(template, "en", **params)
        assert indonesian != english, code
        assert "`" not in indonesian and "`" not in english, code


def test_numbers_and_plurals_follow_the_language():
    assert trn("{count} hari", "{count} hari", 1, "en") == "1 day"
    assert trn("{count} hari", "{count} hari", 3, "en") == "3 days"
    assert trn("{count} hari", "{count} hari", 1500, "id") == "1.500 hari"
    assert tr("teks {count} karakter, paling banyak {limit}", "en", count=2400, limit=1000) == (
        "text of 2,400 characters, at most 1,000"
    )


def test_an_unknown_language_falls_back_to_indonesian():
    assert tr("Nama SOP", "fr") == "Nama SOP"
    assert tr("Nama SOP", "en") == "SOP Name"
