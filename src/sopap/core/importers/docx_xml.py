"""The XML names and units shared by the Word reader (:mod:`~sopap.core.importers.docx_reader`) and its
drawing reader (:mod:`~sopap.core.importers.docx_drawings`): namespaces, the tags both walk, EMU per unit."""

from __future__ import annotations

import functools

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}


@functools.cache
def qn(tag: str) -> str:
    """The Clark name lxml uses (``{namespace}local``) of a prefixed tag such as ``"w:p"``."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


W_P, W_TBL, W_TR, W_TC, W_T, W_TAB, W_BR, W_SYM = (
    qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:t", "w:tab", "w:br", "w:sym")
)
W_DRAWING, W_PICT, W_TXBX, W_SDT, W_DEL = (
    qn(t) for t in ("w:drawing", "w:pict", "w:txbxContent", "w:sdt", "w:del")
)
MC_ALT, MC_CHOICE, MC_FALLBACK = qn("mc:AlternateContent"), qn("mc:Choice"), qn("mc:Fallback")
W_VAL = qn("w:val")

EMU_PER_TWIP = 635
EMU_PER_PT = 12700
DEFAULT_CELL_MARGIN = 108 * EMU_PER_TWIP
