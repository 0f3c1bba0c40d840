from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sopap.web.authoring.forms import NewSopForm
from sopap.web.importing.models import FoundSop


class _ManyFilesInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _ManyFiles(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _ManyFilesInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        one = super().clean
        if isinstance(data, list | tuple):
            return [one(item, initial) for item in data]
        return [one(data, initial)]


class ImportForm(NewSopForm):
    berkas = _ManyFiles(
        label=_("Berkas SOP"),
        help_text=_("Satu atau beberapa berkas, atau satu zip berisi berkas-berkas itu."),
    )

    def __init__(self, *args: Any, suffixes: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["nama"]
        self.fields["unit"].help_text = _("Draf SOP baru hasil impor masuk ke unit ini.")
        self.fields["berkas"].widget.attrs["accept"] = ",".join(suffixes)


IDENTITY_FIELDS = {
    "nama": _("Nama SOP"),
    "nomor": _("Nomor SOP"),
    "tanggal_pembuatan": _("Tanggal Pembuatan"),
    "tanggal_revisi": _("Tanggal Revisi"),
    "tanggal_efektif": _("Tanggal Efektif"),
}


def corrections_from_post(post: Any, *, steps: int) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The identity fields and the steps' kegiatan and pelaksana as the review form sent them."""
    identity = {key: post.get(key, "") for key in IDENTITY_FIELDS if key in post}
    kegiatan, pelaksana = post.getlist("kegiatan"), post.getlist("pelaksana")
    changes = [
        {"kegiatan": kegiatan[i], "pelaksana": pelaksana[i]}
        for i in range(min(steps, len(kegiatan), len(pelaksana)))
    ]
    return identity, changes


def choice_from_post(post: Any) -> str | None:
    value = post.get("pilihan")
    return value if value in FoundSop.Choice.values else None
