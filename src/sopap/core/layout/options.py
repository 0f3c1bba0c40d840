"""What a reader of an SOP can choose about its printed form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from sopap.core.logo import Logo

MM = 72 / 25.4

PAPERS: dict[str, tuple[float, float]] = {
    # Portrait (width, height) in points. F4 (215 x 330 mm) is the Indonesian government's folio.
    "f4": (215 * MM, 330 * MM),
    "a4": (210 * MM, 297 * MM),
}


@dataclass(frozen=True)
class RenderOptions:
    """``paper``: "f4" (the government standard) or "a4". ``steps_per_page``: at most this many steps on a
    page of the procedure sheet (agencies use 5 to 8); None fills each page as far as it measures.
    ``lang``: the language of the printed headers ("id" or "en").
    ``logo``: the agency's checked logo (:func:`sopap.core.logo.read_logo`), printed on the identity sheet;
    without one the sheet prints no placeholder but on a draft. ``draft``: the document is not (yet) in
    force: a diagonal "DRAF" across every page. ``verify_url``: the public address that tells whether a
    decreed SOP's file is the official one, printed with its QR code at the foot of the identity sheet.
    """

    paper: Literal["f4", "a4"] = "f4"
    steps_per_page: int | None = None
    lang: Literal["id", "en"] = "id"
    logo: Logo | None = None
    draft: bool = False
    verify_url: str | None = None

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"unknown paper {self.paper!r}; use one of {', '.join(PAPERS)}")
        if self.steps_per_page is not None and self.steps_per_page < 1:
            raise ValueError("steps_per_page must be at least 1")
        if self.lang not in ("id", "en"):
            raise ValueError("lang must be 'id' or 'en'")
        if self.verify_url is not None and not self.verify_url.startswith(("https://", "http://")):
            raise ValueError("verify_url must be an http(s) address")

    @property
    def portrait(self) -> tuple[float, float]:
        return PAPERS[self.paper]

    @property
    def landscape(self) -> tuple[float, float]:
        w, h = PAPERS[self.paper]
        return (h, w)
