from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sopap.web.monitoring.models import CRITERIA, Cara, Penilaian, Rekomendasi

YA_TIDAK = [("ya", _("Ya")), ("tidak", _("Tidak"))]


class MonitoringForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    cara = forms.ChoiceField(label=_("Cara monitoring"), choices=Cara.choices)
    penilaian = forms.ChoiceField(label=_("Penilaian"), choices=Penilaian.choices, widget=forms.RadioSelect)
    catatan = forms.CharField(
        label=_("Catatan hasil penilaian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tindakan = forms.CharField(
        label=_("Tindakan yang harus diambil"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila SOP tidak berjalan dengan baik."),
    )


class ReviewForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal kaji ulang"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tim yang mengkaji ulang dan kesimpulannya: SOP masih sesuai, tidak perlu diubah."),
    )


class EvaluationForm(forms.Form):
    rekomendasi = forms.ChoiceField(
        label=_("Rekomendasi"), choices=Rekomendasi.choices, widget=forms.RadioSelect
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila SOP perlu disempurnakan atau dicabut."),
    )

    # The version the form was loaded at (selectors.evaluation_version), so a recording made meanwhile by
    # someone else is not silently replaced.
    versi = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, steps: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in CRITERIA:
            self.fields[f"k_{key}"] = forms.ChoiceField(
                label=label, choices=YA_TIDAK, widget=forms.RadioSelect
            )
        self.step_count = len(steps)
        for number, kegiatan in enumerate(steps, start=1):
            self.fields[f"catatan_langkah_{number}"] = forms.CharField(
                label=_("Langkah %(n)s") % {"n": number}, help_text=kegiatan, required=False
            )
        self.order_fields([f"k_{key}" for key, _label in CRITERIA] + ["rekomendasi", "catatan", "versi"])

    def show_version(self, version: int) -> None:
        """After a refusal: the version now stored, so saving again is a deliberate replacement."""
        data = dict(self.data.items())
        data["versi"] = str(version)
        self.data = data

    def criteria_fields(self) -> list[Any]:
        return [self[f"k_{key}"] for key, _label in CRITERIA]

    def step_fields(self) -> list[Any]:
        return [self[f"catatan_langkah_{n}"] for n in range(1, self.step_count + 1)]

    def step_notes_given(self) -> bool:
        """Whether any step note is written (typed now, or kept from the evaluation being corrected)."""
        return any(str(field.value() or "").strip() for field in self.step_fields())

    def step_notes(self) -> dict[int, str]:
        return {
            n: self.cleaned_data[f"catatan_langkah_{n}"]
            for n in range(1, self.step_count + 1)
            if self.cleaned_data.get(f"catatan_langkah_{n}", "").strip()
        }

    def answers(self) -> dict[str, bool]:
        return {key: self.cleaned_data[f"k_{key}"] == "ya" for key, _label in CRITERIA}
