"""What the workflow says about a revision, for pages of the apps below it (the editor shows the notes of
the last return) without those apps importing the workflow."""

from __future__ import annotations

from typing import Any

from django import template

from sopap.web.workflow.selectors import last_return, step_notes_open

register = template.Library()


@register.simple_tag
def last_return_of(revision: Any) -> Any:
    return last_return(sop=revision)


@register.simple_tag
def step_notes_of(revision: Any) -> Any:
    return step_notes_open(sop=revision)
