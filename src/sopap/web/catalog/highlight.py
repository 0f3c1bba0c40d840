"""The words of a search marked in a result: every piece of the text escaped, only our <mark> left as HTML."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sopap.web.catalog.stemmer import stem

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` with each word that the search matched in <mark>: a word starting with a term (as the
    search matches prefixes) or sharing its stem ("menyusun" for "penyusunan")."""
    wanted = [t.lower() for t in terms if t]
    stems = {stem(t) for t in wanted}
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if any(word.startswith(t) for t in wanted) or stem(word) in stems:
            out.append(escape(text[last : m.start()]))
            out.append(f"<mark>{escape(m.group())}</mark>")
            last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece above went through escape()
