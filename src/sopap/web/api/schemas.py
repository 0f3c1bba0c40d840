"""What the API receives and answers, as the OpenAPI schema shows it. Field names are English (the
API's readers are programmers); the values (names, statuses' labels, messages) are the product's own,
Indonesian unless the request asked for English."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Schema

# Keys and counts the databases store as 64-bit integers: larger ones are refused as invalid (422), never
# passed on to a query that would overflow.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# PostgreSQL stores no NUL character in text: a string holding one is refused as invalid (422).
NO_NUL = r"^[^\x00]*$"
MAX_YAML = 1_000_000
MAX_NOTES = 5_000


def text(max_length: int, **kwargs: Any) -> Any:
    return Field(max_length=max_length, pattern=NO_NUL, **kwargs)


class Problem(Schema):
    """Every refusal: a code a program can act on, and the message the web shows for the same refusal."""

    code: str = Field(
        description="not_found, unauthorized, permission_denied, invalid_transition, stale_version, "
        "refused, invalid, rate_limited"
    )
    message: str
    current_version: int | None = Field(None, description="with stale_version: the version stored now")
    errors: list[dict[str, Any]] | None = Field(None, description="with invalid: each field's problem")


class PdOut(Schema):
    id: int
    name: str
    abbreviation: str
    code: str


class UnitOut(Schema):
    id: int
    name: str
    path: list[str] = Field(description="the unit and the units above it, top down")


class CatalogItem(Schema):
    document_id: int = Field(description="the SOP's permanent id (its page: /katalog/sop/<id>/)")
    name: str
    number: str
    pd: PdOut
    unit: UnitOut | None
    revision: int
    in_force_since: dt.date | None


class CatalogPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[CatalogItem]


class SearchPage(CatalogPage):
    query: str
    suggestion: str = Field(description='"Maksud Anda": the query with its unknown words corrected')
    corrected: bool = Field(description="the items are those of the suggestion: the query found nothing")
    synonyms: list[str] = Field(description="abbreviations of the admin's list the search used")


class PublicRevisionOut(Schema):
    revision: int
    status: str
    status_label: str
    in_force_since: dt.date | None
    ended: dt.date | None
    reason: str
    replaced_by: int | None


class CatalogSop(Schema):
    document_id: int
    name: str
    number: str
    pd: PdOut
    unit: UnitOut | None
    revision: int
    status: str = Field(description="berlaku, or dicabut when the SOP was withdrawn")
    status_label: str
    keputusan_nomor: str
    keputusan_tanggal: dt.date | None
    in_force_since: dt.date | None
    withdrawal_reason: str
    downloads: dict[str, str] = Field(description="each format's address")
    yaml: str = Field(description="the revision's .sop.yaml text")
    history: list[PublicRevisionOut] = Field(description="every revision that was in force, newest first")


class RevisionRef(Schema):
    revision_id: int
    revision: int
    status: str
    status_label: str
    version: int


class SopState(Schema):
    document_id: int
    revision_id: int
    revision: int
    name: str
    number: str
    status: str
    status_label: str
    version: int = Field(description="send it back with an update or an action: a newer one refuses both")
    pd: PdOut
    unit: UnitOut | None
    lintas_pd: bool
    verification: str = Field(description="while submitted: the step of the chain whose turn it is")
    editable: bool = Field(description="the caller may save this revision now")
    actions: list[str] = Field(description="the workflow actions the caller may perform now")
    keputusan_nomor: str
    keputusan_tanggal: dt.date | None
    tanggal_berlaku: dt.date | None
    updated_at: dt.datetime
    yaml: str
    revisions: list[RevisionRef]


class SopItem(Schema):
    document_id: int
    revision_id: int
    revision: int
    name: str
    number: str
    status: str
    status_label: str
    version: int
    pd: PdOut
    unit: UnitOut | None
    updated_at: dt.datetime


class SopPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[SopItem]


class StepNoteOut(Schema):
    step: int
    text: str


class TransitionOut(Schema):
    revision: int
    action: str = Field(description="the dotted code: sop.submitted, sop.verification.returned, ...")
    label: str
    from_status: str
    to_status: str
    actor: str
    at: dt.datetime
    notes: str
    verification_step: int | None
    jabatan: str
    step_notes: list[StepNoteOut]


class DraftIn(Schema):
    pd_id: Id
    unit_id: Id | None = None
    yaml: str = text(MAX_YAML, description="the .sop.yaml text; its nomor and disahkan_oleh are dropped")


class UpdateIn(Schema):
    version: Id = Field(description="the version read (SopState.version)")
    yaml: str = text(MAX_YAML, description="the whole .sop.yaml text of the draft")


class StepNoteIn(Schema):
    step: int = Field(ge=1, le=1000)
    text: str = text(MAX_NOTES)


class ActionIn(Schema):
    version: Id = Field(description="the version read (SopState.version)")
    notes: str = text(MAX_NOTES, default="")
    step_notes: list[StepNoteIn] = Field(
        default_factory=list, max_length=200, description="returns only: a note per step"
    )
    keputusan_nomor: str = text(200, default="", description="decree only: the decree's number")
    keputusan_tanggal: dt.date | None = Field(None, description="decree only: its date (default today)")
    tanggal_berlaku: dt.date | None = Field(None, description="decree only: in force from (default its date)")
    nomor: str = text(120, default="", description="decree only: the SOP's number, when not from the pattern")
    trial_from: dt.date | None = Field(
        None, description="trial_record only: the trial's first day (default today)"
    )
    trial_to: dt.date | None = Field(None, description="trial_record only: its last day (default today)")
    trial_outcome: Literal["lanjut", "perbaiki"] = Field(
        "lanjut", description="trial_record only: lanjut (on to approval) or perbaiki (back to the drafter)"
    )
    witnesses: list[Id] = Field(
        default_factory=list, max_length=50, description="trial_record only: the accounts who witnessed it"
    )
    other_witnesses: str = text(
        2000, default="", description="trial_record only: other witnesses, one a line"
    )


class ActionOut(Schema):
    message: str
    state: SopState | None = Field(
        description="the revision after the action (after review_open: the new draft; after delete: none)"
    )
