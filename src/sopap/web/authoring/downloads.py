"""A revision as a downloaded file: the source `.sop.yaml` or any format of the core's registry."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from sopap.core.sopfile import load
from sopap.web.authoring import rendering
from sopap.web.authoring.models import Revision


def download_response(revision: Revision, fmt: str, *, lang: str) -> HttpResponse:
    if fmt not in rendering.formats():
        raise Http404
    name = slugify(revision.nama or "sop") or "sop"
    if fmt == "yaml":
        body: bytes = revision.yaml_text.encode("utf-8")
        filename = f"{name}.sop.yaml"
    else:
        try:
            sop = load(revision.yaml_text)
        except Exception:
            raise Http404 from None
        body = rendering.render_bytes(sop, fmt, lang=lang)
        filename = f"{name}.{fmt}"
    response = HttpResponse(body, content_type=rendering.media_type(fmt))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
