"""The template side of the shared kernel: dates in the two styles of `shared.dates`, an event of a
history as a sentence (what happened, by whom, when), a status badge and the options of a long chooser."""

from __future__ import annotations

from html import escape
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
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


@register.simple_tag
def options(choices: Any, selected: Any = None) -> SafeString:
    """The ``<option>``s of (value, label) pairs, the one whose value is ``selected`` selected: a chooser of
    500 Perangkat Daerah in one call, not 500 turns of a template loop (nor 500 calls of format_html, a
    tenth of the page's time). Values and labels escaped as Django's ``escape`` does."""
    chosen = "" if selected is None else str(selected)
    return mark_safe(
        "".join(
            f'<option value="{escape(str(value))}"{" selected" if str(value) == chosen else ""}>'
            f"{escape(str(label))}</option>"
            for value, label in choices
        )
    )


@register.simple_tag
def badge(status: str, label: str) -> SafeString:
    """A status as the lists show it (the markup of authoring/_status.html, without an include per row)."""
    return mark_safe(f'<span class="badge st-{escape(str(status))}">{escape(str(label))}</span>')
