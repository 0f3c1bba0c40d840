"""A logo is checked by its content before anything prints it: PNG, JPEG and clean SVG pass; an SVG that
could run or fetch anything, a renamed text file, and a file too large or too big in pixels are refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from sopap.core.logo import MAX_BYTES, LogoError, read_logo

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="120" viewBox="0 0 100 120">'
    b'<path d="M10 10 L90 10 L90 70 Q50 120 10 70 Z" fill="#1a5"/><circle cx="50" cy="45" r="20"/></svg>'
)


def _image(fmt: str, size: tuple[int, int] = (120, 140)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#2a6").save(out, format=fmt)
    return out.getvalue()


def test_a_png_is_kept_as_a_png_of_its_size() -> None:
    logo = read_logo(_image("PNG"))
    assert (logo.kind, logo.width, logo.height) == ("png", 120, 140)
    assert Image.open(io.BytesIO(logo.data)).format == "PNG"


def test_a_large_picture_is_kept_at_print_size() -> None:
    from sopap.core.logo import PRINT_SIDE

    logo = read_logo(_image("PNG", (3000, 1500)))
    assert (logo.width, logo.height) == (PRINT_SIDE, PRINT_SIDE // 2)


def test_a_jpeg_is_decoded_and_written_again_as_a_png() -> None:
    logo = read_logo(_image("JPEG"))
    assert logo.kind == "png" and logo.data.startswith(b"\x89PNG")


def test_what_follows_the_picture_in_the_file_is_not_kept() -> None:
    logo = read_logo(_image("PNG") + b"<script>alert(1)</script>")
    assert b"script" not in logo.data


def test_a_clean_svg_is_kept_with_its_size() -> None:
    logo = read_logo(SVG)
    assert (logo.kind, logo.width, logo.height) == ("svg", 100, 120)
    assert b"<circle" in logo.data


@pytest.mark.parametrize(
    "inside",
    [
        b"<script>alert(1)</script>",
        b'<rect width="5" height="5" onload="alert(1)"/>',
        b'<image href="https://example.org/x.png" width="5" height="5"/>',
        b'<use href="https://example.org/a.svg#x"/>',
        b"<foreignObject><p>hi</p></foreignObject>",
        b'<rect width="5" height="5" fill="url(https://example.org/p)"/>',
        b"<style>@import url(https://example.org/x.css);</style>",
        b'<set attributeName="href" to="javascript:alert(1)"/>',
    ],
)
def test_an_svg_that_does_more_than_draw_is_refused(inside: bytes) -> None:
    data = SVG.replace(b"</svg>", inside + b"</svg>")
    with pytest.raises(LogoError, match="tidak diizinkan"):
        read_logo(data)


def test_an_svg_with_a_doctype_and_entities_is_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG.replace(
        b"</svg>", b"<text>&x;</text></svg>"
    )
    with pytest.raises(LogoError):
        read_logo(data)


def test_an_svg_as_drawing_programs_save_it_is_taken_without_their_settings() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        b'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="100" height="120">'
        b'<sodipodi:namedview inkscape:zoom="2"/><metadata><title>Lambang</title></metadata>'
        b'<g inkscape:label="Layer 1"><circle cx="50" cy="60" r="40"/></g></svg>'
    )
    logo = read_logo(data)
    assert b"namedview" not in logo.data and b"DOCTYPE" not in logo.data and b"<circle" in logo.data


def test_a_text_file_renamed_png_is_refused() -> None:
    with pytest.raises(LogoError, match="PNG, JPEG atau SVG"):
        read_logo(b"bukan gambar, hanya teks\n")


def test_a_file_that_starts_like_a_png_but_is_not_one_is_refused() -> None:
    with pytest.raises(LogoError, match="bukan gambar yang dapat dibaca"):
        read_logo(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)


def test_a_file_over_one_megabyte_is_refused() -> None:
    with pytest.raises(LogoError, match="1 MB"):
        read_logo(_image("PNG") + b"\0" * MAX_BYTES)


def test_a_picture_too_big_in_pixels_is_refused_before_it_is_decoded() -> None:
    with pytest.raises(LogoError, match="terlalu besar"):
        read_logo(_image("PNG", (5000, 20)))


def test_the_reason_is_given_in_english_too() -> None:
    with pytest.raises(LogoError) as caught:
        read_logo(b"hello")
    assert caught.value.text_in("en") != caught.value.message
