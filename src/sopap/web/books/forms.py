"""The form of a book's settings; every text shows what the book prints (the seed books' wording until the
PD writes its own)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from sopap.core.book import settings as core
from sopap.web.books.building import signer_defaults
from sopap.web.books.models import BookSettings
from sopap.web.books.selectors import Scope
from sopap.web.books.services import FIELDS

ROWS = {"kata_pengantar": 12, "menimbang": 5, "mengingat": 6, "tembusan": 4}
HELP = {
    "judul": _("Di sampul, di bawah STANDAR OPERASIONAL PROSEDUR; boleh kosong."),
    "tahun": _("Kosong: tahun SOP terbaru."),
    "tempat": _(
        "Kota tempat Kata Pengantar dan Keputusan ditandatangani; kosong: dari nama pemerintah daerah."
    ),
    "kata_pengantar": _(
        "Paragraf dipisahkan baris kosong. {perangkat_daerah}, {pemerintah}, {wilayah} dan {tahun} diganti "
        "isinya."
    ),
    "menimbang": _("Satu pertimbangan per baris; {jabatan} diganti jabatan yang menetapkan."),
    "mengingat": _(
        "Satu peraturan per baris; dasar hukum yang dikutip SOP ditambahkan sesudahnya, masing-masing sekali."
    ),
    "tembusan": _("Satu penerima per baris."),
}


def defaults(scope: Scope) -> dict[str, Any]:
    """What the form shows before anything is saved: the seed books' wording and the PD's head."""
    signer = signer_defaults(scope)
    return {
        "kata_pengantar": "\n\n".join(core.KATA_PENGANTAR),
        "menimbang": "\n".join(core.MENIMBANG),
        "mengingat": "\n".join(core.MENGINGAT),
        "tembusan": "\n".join(core.TEMBUSAN),
        "penandatangan_jabatan": signer["jabatan"],
        "penandatangan_nama": signer["nama"],
        "penandatangan_nip": signer["nip"],
    }


def initial_of(scope: Scope, row: BookSettings) -> dict[str, Any]:
    values = defaults(scope)
    for name in FIELDS:
        stored = getattr(row, name)
        if stored not in ("", None):
            values[name] = stored
    values["version"] = row.version
    return values


class BookSettingsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in FIELDS:
            model_field = BookSettings._meta.get_field(name)
            assert isinstance(model_field, models.Field)
            field = model_field.formfield()
            assert field is not None
            field.label = str(field.label)[:1].upper() + str(field.label)[1:]
            field.help_text = HELP.get(name, "")
            if name in ROWS:
                field.widget.attrs["rows"] = ROWS[name]
            self.fields[name] = field
        self.fields["tahun"] = forms.IntegerField(
            label=_("Tahun"), required=False, min_value=1900, max_value=2200, help_text=HELP["tahun"]
        )
