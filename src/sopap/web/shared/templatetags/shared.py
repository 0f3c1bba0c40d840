"""The template side of the shared kernel: dates in the two styles of `shared.dates`, and an event of a
history as a sentence (what happened, by whom, when)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sopap.web.shared.dates import compact_date, document_date
from sopap.web.shared.events import event_label

register = template.Library()


@register.filter
def tanggal(value: Any) -> str:
    """A date as a document writes it: 08 November 2026."""
    return document_date(value)


@register.filter
def tanggal_singkat(value: Any, arg: str = "") -> str:
    """A date in a list: 08 Nov 2026; `|tanggal_singkat:"jam"` adds the time of a moment."""
    return compact_date(value, with_time=arg == "jam")


@register.filter
def peristiwa(action: str) -> str:
    """The words for a logged action code."""
    return str(event_label(action))


def person(user: Any) -> str:
    if user is None:
        return _("sistem")
    return str(user.get_full_name() or user.get_username())


@register.simple_tag
def event_sentence(action: str, actor: Any, at: Any, jabatan: str = "") -> SafeString:
    """ "Diajukan untuk verifikasi oleh Budi (Sekretaris) pada 08 Nov 2026 10.15." — each part escaped."""
    who = format_html("<strong>{}</strong>", person(actor))
    if jabatan:
        who = format_html("{} ({})", who, jabatan)
    when = format_html(
        '<time datetime="{}">{}</time>', at.isoformat() if at else "", compact_date(at, with_time=True)
    )
    # Named fields, so that a translation may put them in its own order.
    sentence = _("%(what)s oleh %(who)s pada %(when)s.") % {
        "what": "{what}",
        "who": "{who}",
        "when": "{when}",
    }
    return format_html(sentence, what=event_label(action), who=who, when=when)
