"""A revision as a downloaded file: the source `.sop.yaml` or any format of the core's registry, the latter
through the render cache (`authoring.cache`), so a file is drawn once however many people download it."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from sopap.web.authoring import cache, rendering
from sopap.web.authoring.models import Revision


def download_response(revision: Revision, fmt: str, *, lang: str) -> HttpResponse:
    if fmt not in rendering.formats():
        raise Http404
    name = slugify(revision.nama or "sop") or "sop"
    if fmt == "yaml":
        # The source itself: nothing to draw, nothing to cache.
        body: bytes = revision.yaml_text.encode("utf-8")
    else:
        try:
            body = cache.rendered_bytes(revision, fmt, lang=lang)
        except cache.Unloadable:  # a half-written draft has no file to offer
            raise Http404 from None
    response = HttpResponse(body, content_type=rendering.media_type(fmt))
    response["Content-Disposition"] = f'attachment; filename="{name}.{rendering.extension(fmt)}"'
    return response
