"""An agency's logo, checked before anything prints it: a PNG, a JPEG or an SVG, known by its content and
never by its name, of a bounded size.

A raster logo is decoded and written again as a plain PNG (no metadata, nothing after the image), so what
is kept and printed is exactly the picture that was checked. An SVG is parsed without DTDs, entities or
network, and refused when it could do anything but draw: scripts, event handlers, embedded documents,
animations, style sheets that fetch, and references to anything outside the file itself.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from sopap.core.errors import SopapError
from sopap.core.i18n import Text

MAX_BYTES = 1024 * 1024
MAX_SIDE = 4096
MIN_SIDE = 16
PRINT_SIDE = 1024
"""A raster logo is kept at most this many pixels on its longer side: over 500 dpi on the book's cover
(the largest it is printed), and every PDF that embeds it stays small and quick to write."""

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# What an SVG logo may contain: shapes, text, paint and grouping. Anything else (script, foreignObject,
# animate, set, image, a, iframe...) is refused rather than removed, so the admin sees why.
SVG_ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "path", "rect", "circle",
        "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
        "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "style",
    }
)  # fmt: skip
# What drawing programs add that nothing draws (Inkscape's and Sodipodi's settings, RDF licence metadata):
# removed rather than refused, so a logo saved by them as it comes is taken.
EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
    }
)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import|expression\s*\(|javascript:", re.IGNORECASE)


class LogoError(SopapError):
    """The file is not a logo sopap prints: not a PNG, JPEG or SVG, too large, or an SVG that does more
    than draw."""


@dataclass(frozen=True)
class Logo:
    """A checked logo: ``kind`` "png" (every raster logo, written again as PNG, at most
    :data:`PRINT_SIDE` pixels on its longer side) or "svg" (the checked text); ``width`` and ``height`` in
    pixels, or the SVG's own units."""

    kind: Literal["png", "svg"]
    data: bytes
    width: float
    height: float

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def extension(self) -> str:
        return self.kind

    @property
    def media_type(self) -> str:
        return "image/svg+xml" if self.kind == "svg" else "image/png"


def read_logo(data: bytes) -> Logo:
    """Check ``data`` and return the logo to keep and print; raises :class:`LogoError` with the reason."""
    if len(data) > MAX_BYTES:
        raise LogoError(
            Text("logo lebih dari {mb} MB ({size} bita)", mb=MAX_BYTES // (1024 * 1024), size=len(data))
        )
    if not data:
        raise LogoError(Text("berkas logo kosong"))
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
        return _raster(data)
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--"):
        return _svg(data)
    raise LogoError(Text("logo harus berupa gambar PNG, JPEG atau SVG"))


def _check_side(width: float, height: float) -> None:
    if width > MAX_SIDE or height > MAX_SIDE:
        raise LogoError(
            Text(
                "logo terlalu besar: {width} x {height} piksel, paling besar {max} x {max}",
                width=round(width),
                height=round(height),
                max=MAX_SIDE,
            )
        )
    if width < MIN_SIDE or height < MIN_SIDE:
        raise LogoError(
            Text(
                "logo terlalu kecil: {width} x {height} piksel, paling kecil {min} x {min}",
                width=round(width),
                height=round(height),
                min=MIN_SIDE,
            )
        )


def _raster(data: bytes) -> Logo:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            # The size is in the header: a decompression bomb is refused before a pixel is decoded.
            _check_side(*probe.size)
            if probe.format not in ("PNG", "JPEG"):
                raise LogoError(Text("logo harus berupa gambar PNG, JPEG atau SVG"))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB"
            picture = image.convert(mode)
            if max(picture.size) > PRINT_SIDE:
                picture.thumbnail((PRINT_SIDE, PRINT_SIDE), Image.Resampling.LANCZOS)
    except LogoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise LogoError(Text("logo bukan gambar yang dapat dibaca")) from exc
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=False)
    return Logo("png", out.getvalue(), float(picture.width), float(picture.height))


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _svg(data: bytes) -> Logo:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise LogoError(Text("logo SVG tidak dapat dibaca")) from exc
    # The public DOCTYPE drawing programs write is never read (no DTD is loaded) and is not kept; one with
    # declarations of its own (entities) is refused.
    if _INTERNAL_SUBSET.search(data) or b"<!ENTITY" in data:
        raise LogoError(Text("logo SVG tidak boleh memuat DOCTYPE"))
    if root.tag != f"{{{SVG_NS}}}svg":
        raise LogoError(Text("logo harus berupa gambar PNG, JPEG atau SVG"))
    for element in list(root.iter()):
        parent = element.getparent()
        if (
            parent is not None
            and isinstance(element.tag, str)
            and _namespace(element.tag) in EDITOR_NAMESPACES
        ):
            parent.remove(element)
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions draw nothing
            if isinstance(element, etree._ProcessingInstruction):
                raise LogoError(Text("logo SVG memuat {what} yang tidak diizinkan", what="<?...?>"))
            continue
        namespace, local = element.tag[1:].split("}", 1) if element.tag.startswith("{") else ("", element.tag)
        if namespace != SVG_NS or local not in SVG_ELEMENTS:
            raise LogoError(Text("logo SVG memuat {what} yang tidak diizinkan", what=f"<{local}>"))
        if (
            local == "style"
            and element.text
            and (_EXTERNAL_URL.search(element.text) or _CSS_IMPORT.search(element.text))
        ):
            raise LogoError(Text("logo SVG memuat {what} yang tidak diizinkan", what="<style> url()"))
        for name, value in element.attrib.items():
            attribute = _local(name).lower()
            if attribute.startswith("on"):
                raise LogoError(Text("logo SVG memuat {what} yang tidak diizinkan", what=attribute))
            if attribute == "href" and not value.strip().startswith("#"):
                raise LogoError(
                    Text("logo SVG memuat {what} yang tidak diizinkan", what=f"href={value[:40]}")
                )
            if _EXTERNAL_URL.search(value) or _CSS_IMPORT.search(value):
                raise LogoError(Text("logo SVG memuat {what} yang tidak diizinkan", what=attribute))
    width, height = _svg_size(root)
    _check_side(width, height)
    checked = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if _drawing(checked) is None:
        raise LogoError(Text("logo SVG tidak dapat dibaca"))
    return Logo("svg", checked, width, height)


_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|mm|cm|in)?\s*$")
_UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


def _svg_size(root: Any) -> tuple[float, float]:
    sizes = []
    for name in ("width", "height"):
        match = _LENGTH.match(root.get(name, ""))
        sizes.append(float(match.group(1)) * _UNITS[match.group(2)] if match else None)
    box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    if (sizes[0] is None or sizes[1] is None) and len(box) == 4:
        return box[2], box[3]
    if sizes[0] is None or sizes[1] is None:
        raise LogoError(Text("logo SVG tidak menyebut ukurannya (width dan height, atau viewBox)"))
    return sizes[0], sizes[1]


def _drawing(data: bytes) -> Any:
    """The checked SVG as a ReportLab drawing, or None when svglib cannot draw it."""
    import logging

    from lxml import etree
    from svglib.svglib import SvgRenderer

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    logging.getLogger("svglib").setLevel(logging.ERROR)
    try:
        root = etree.fromstring(data, parser)
        return SvgRenderer("logo.svg").render(root)
    except Exception:  # svglib's errors on odd drawings are of many types
        return None


def logo_drawing(logo: Logo) -> Any:
    """The SVG logo as a ReportLab drawing, for the PDF writers."""
    return _drawing(logo.data)
