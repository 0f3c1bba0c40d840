"""Indonesian first, English on request: the core's and the CLI's words come from gettext catalogs.

Every text is written in Bahasa Indonesia where it is used (that is its msgid); its English lives in
`locale/en/LC_MESSAGES/sopap.po`, the source that translators edit (`scripts/messages.sh` extracts, merges
and compiles). The web app uses the same tooling with Django's own domain.

The language is always passed in, never held globally: the core is pure and serves many requests at once.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from sopap.core.dates import format_date

DOMAIN = "sopap"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALE_DIR = Path(__file__).with_name("locale")


def N_(text: str) -> str:
    """Marks a text for the catalog where it is defined; it is translated where it is shown."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a text with a number in it, whose form follows the number; shown with :func:`trn`."""
    return singular, plural


def C_(context: str, text: str) -> str:
    """Marks a text whose translation depends on where it stands ("Pelaksana": "Actors" as a column head,
    "Actor" beside one name); gettext's own convention joins the context and the text with EOT."""
    return f"{context}\x04{text}"


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language_of(lang)], fallback=True)


def tr(text: str, lang: str, /, **params: object) -> str:
    """The text in `lang`, its `{placeholders}` filled with values written the way that language writes them."""
    template = catalog(lang).gettext(text)
    if "\x04" in template:  # a text with a context the catalog lacks: show the text itself
        template = template.split("\x04", 1)[1]
    if not params:
        return template
    return template.format(**{name: localise(value, lang) for name, value in params.items()})


def trn(singular: str, plural: str, count: int, lang: str, /, **params: object) -> str:
    """A text with a number in it, in the form the language wants for that number ("1 day", "2 days");
    `{count}` in the text is the number."""
    template = catalog(lang).ngettext(singular, plural, count)
    return template.format(count=localise(count, lang), **{k: localise(v, lang) for k, v in params.items()})


class Text:
    """A text to be shown later in a language not yet known: an error message, a diagnostic's detail.

    Its parameters may be Texts themselves (a hint inside a message), numbers or dates; each is written in
    the language the whole is shown in.
    """

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, /, **params: object) -> None:
        self.msgid = msgid
        self.params: Mapping[str, object] = params

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return tr(self.msgid, lang, **self.params)

    def __str__(self) -> str:
        return self.render(DEFAULT_LANGUAGE)

    def __repr__(self) -> str:
        return f"Text({self.msgid!r}, **{dict(self.params)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.msgid, dict(self.params)) == (
            other.msgid,
            dict(other.params),
        )

    def __hash__(self) -> int:
        return hash(self.msgid)


class Verbatim(Text):
    """Text that is the same in every language: a detail a library gave, a file name."""

    def __init__(self, text: str) -> None:
        super().__init__(text)

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.msgid


def localise(value: object, lang: str) -> str:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


def format_number(value: int, lang: str) -> str:
    """`1.500` in Indonesian, `1,500` in English."""
    text = f"{value:,}"
    return text if lang == "en" else text.replace(",", ".")


def language_of(lang: str | None) -> str:
    """A language the catalogs have; anything else falls back to Indonesian."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


class Megabytes(Text):
    """A size the way the reader writes it: `2,5 MB` in Indonesian, `2.5 MB` in English."""

    def __init__(self, size: int) -> None:
        super().__init__("", size=size)
        self.size = size

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        text = f"{self.size / 1024 / 1024:.1f} MB"
        return text if lang == "en" else text.replace(".", ",")


class Joined(Text):
    """Several texts shown as one, each in the reader's language: "tabel 2, tabel 3"."""

    def __init__(self, parts: list[Text | str], separator: str = ", ") -> None:
        super().__init__(separator)
        self.parts = parts

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.msgid.join(localise(part, lang) for part in self.parts)


class Words:
    """A table of short words (column heads, labels) by key; `WORDS(lang)` gives them in one language."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self._by_language: dict[str, dict[str, str]] = {}

    def __call__(self, lang: str) -> dict[str, str]:
        lang = language_of(lang)
        words = self._by_language.get(lang)
        if words is None:
            words = self._by_language[lang] = {key: tr(text, lang) for key, text in self.table.items()}
        return words
