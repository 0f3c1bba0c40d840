"""What long lists are drawn with: a PD chooser's options in one call, a status badge without an include, an
address per row without reversing its pattern per row. Each says the same as the slower way it replaces."""

from __future__ import annotations

from django.template import Context, Template
from django.urls import reverse
from django.utils.html import escape

from sopap.web.shared.links import id_link


def _render(source: str, **context: object) -> str:
    return Template("{% load shared %}" + source).render(Context(context))


def test_the_options_mark_the_chosen_one_and_escape_what_they_show():
    html = _render(
        "{% options choices chosen %}",
        choices=[(1, "Dinas A & B"), (2, '<b>"Badan"</b>'), (12, "Kec. Ciruas")],
        chosen=2,
    )
    assert html == (
        '<option value="1">Dinas A &amp; B</option>'
        '<option value="2" selected>&lt;b&gt;&quot;Badan&quot;&lt;/b&gt;</option>'
        '<option value="12">Kec. Ciruas</option>'
    )
    # Escaped as Django's own escape does.
    assert escape('<b>"Badan"</b>') in html


def test_no_option_is_chosen_when_nothing_or_nothing_known_is():
    for chosen in (None, "", 3):
        assert "selected" not in _render(
            "{% options choices chosen %}", choices=[(1, "A"), (2, "B")], chosen=chosen
        )
    assert "selected" not in _render("{% options choices pd.pk %}", choices=[(1, "A")])


def test_a_badge_is_the_status_include_in_one_call():
    assert _render("{% badge status label %}", status="draf", label="Draf <1>") == (
        '<span class="badge st-draf">Draf &lt;1&gt;</span>'
    )
    included = Template('{% include "authoring/_status.html" with status="draf" label="Draf" %}').render(
        Context()
    )
    assert _render('{% badge "draf" "Draf" %}') == included.strip()


def test_an_id_link_is_the_reversed_address():
    for name in ("catalog:sop", "workflow:sop_detail"):
        link = id_link(name)
        for pk in (1, 42, 987_654_321, 10**12):
            assert link(pk) == reverse(name, args=[pk])
