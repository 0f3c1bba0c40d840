"""What a revision's documents carry besides its text: the agency's logo, a DRAF watermark until it is
decreed, and once it is decreed the address of its public verification page with a QR code.

A decreed revision's marks are fixed when it is decreed (`official_document_ensure`): its code, and the
logo of that day, so the official PDF stays the same file whatever logo is uploaded later. Its official
PDF (Indonesian, F4: `OFFICIAL`) is kept once drawn (`authoring.cache`), and that file's SHA-256 is what
the verification page compares an uploaded copy with.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from sopap.core.logo import Logo
from sopap.web.authoring.models import OfficialDocument, Revision
from sopap.web.organisations.selectors import logo_name_for, logo_read
from sopap.web.shared.audit import DECREED

# The file the verification page vouches for: the PDF in the product's language on the government's paper.
OFFICIAL = ("pdf", "id", "f4")
# Letters and digits nobody confuses when typing the address off paper (no 0/o, 1/l/i).
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 10  # 31^10, about 8e14 codes: not worth guessing one by one


def is_decreed(revision: Revision) -> bool:
    return revision.status in DECREED


def verify_url(code: str) -> str:
    """The public address of a verification page, as printed (so it never depends on a request's host)."""
    return f"{settings.PUBLIC_URL.rstrip('/')}/verifikasi/{code}/"


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def official_document_ensure(*, revision: Revision) -> OfficialDocument:
    """The verification record of a decreed revision, made the first time it is asked for (at the decree):
    a new code, and the logo its PD prints today."""
    found = OfficialDocument.objects.filter(revision=revision).first()
    if found is not None:
        return found
    logo = logo_name_for(pd=revision.document.pd)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return OfficialDocument.objects.create(revision=revision, code=_new_code(), logo=logo)
        except IntegrityError:  # the same code drawn twice, or another process made the record first
            found = OfficialDocument.objects.filter(revision=revision).first()
            if found is not None:
                return found
    raise RuntimeError("no free verification code after five tries")


@dataclass(frozen=True)
class Marks:
    """What a revision's files carry besides its text; ``key`` enters the render cache's key. The logo is
    named by its stored name, which holds its SHA-256, and read only when a file is drawn."""

    logo_name: str
    draft: bool
    verify_url: str | None

    @property
    def key(self) -> str:
        return f"logo={self.logo_name};draft={int(self.draft)};url={self.verify_url or ''}"

    def logo(self) -> Logo | None:
        return logo_read(name=self.logo_name)


def marks_for(revision: Revision) -> Marks:
    if is_decreed(revision):
        official = official_document_ensure(revision=revision)
        return Marks(official.logo.name or "", False, verify_url(official.code))
    return Marks(logo_name_for(pd=revision.document.pd), True, None)
