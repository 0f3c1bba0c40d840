from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from sopap.core.sopfile import MAX_FILE_BYTES
from sopap.web.organisations.models import PerangkatDaerah, Unit
from sopap.web.organisations.selectors import unit_choices

if TYPE_CHECKING:
    _UnitField = forms.ModelChoiceField[Unit]
else:
    _UnitField = forms.ModelChoiceField


class _UnitChoice(_UnitField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.pd} — {obj.label}"


class NewSopForm(forms.Form):
    nama = forms.CharField(
        label=_("Nama SOP"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Contoh: Mekanisme Penyusunan RENJA")}),
    )
    pd = forms.ModelChoiceField(label=_("Perangkat Daerah"), queryset=PerangkatDaerah.objects.none())
    unit = _UnitChoice(label=_("Unit kerja"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, pds: Any, unit: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pds = list(pds)
        pd_field = cast("forms.ModelChoiceField[PerangkatDaerah]", self.fields["pd"])
        unit_field = cast("_UnitChoice", self.fields["unit"])
        pd_field.queryset = PerangkatDaerah.objects.filter(pk__in=[p.pk for p in pds])
        unit_field.queryset = Unit.objects.filter(pd__in=pds)
        unit_field.choices = unit_choices(pds)
        if len(pds) == 1:
            self.fields["pd"].initial = pds[0].pk
        if unit is not None:
            # The drafter's own unit (and its PD), so that most SOPs need no choice here at all.
            self.fields["unit"].initial = unit
            owner = next((p.pk for p in pds if any(u.pk == unit for u in p.units.all())), None)
            if owner is not None:
                self.fields["pd"].initial = owner

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, pd = data.get("unit"), data.get("pd")
        if unit and pd and unit.pd_id != pd.pk:
            self.add_error("unit", _("Unit ini tidak berada di perangkat daerah yang dipilih."))
        return data


class UploadForm(NewSopForm):
    berkas = forms.FileField(label=_("Berkas .sop.yaml"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["nama"]
        self.fields["berkas"].widget.attrs["accept"] = ".yaml,.yml"

    def clean_berkas(self) -> Any:
        # By the size the upload reports, before the view reads the file into memory.
        berkas = self.cleaned_data["berkas"]
        if berkas is not None and berkas.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s); batasnya %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(berkas.size), "limit": filesizeformat(MAX_FILE_BYTES)},
            )
        return berkas
