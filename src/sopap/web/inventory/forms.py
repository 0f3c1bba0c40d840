from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sopap.web.organisations.models import PerangkatDaerah, Unit
from sopap.web.organisations.selectors import unit_choices


class EntryForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit kerja"), queryset=Unit.objects.none(), required=False)
    tugas_fungsi = forms.CharField(
        label=_("Tugas dan fungsi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kegiatan = forms.CharField(label=_("Kegiatan"), widget=forms.Textarea(attrs={"rows": 2}))
    output = forms.CharField(label=_("Output"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    aspek = forms.CharField(
        label=_("Aspek"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Contoh: Penyusunan, Pelayanan, Pengelolaan")}),
    )
    judul = forms.CharField(
        label=_("Judul SOP usulan"),
        required=False,
        help_text=_("Kosongkan untuk memakai aspek + output."),
    )

    def __init__(self, *args: Any, pd: PerangkatDaerah, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pd=pd)
        field.choices = unit_choices([pd])


class ImportForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas inventaris (.xlsx)"))
