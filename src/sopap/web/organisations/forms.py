"""Forms of the account pages: a role is held in one Perangkat Daerah (with a unit and a position) or,
for the admin, the auditor and the Sekretaris Daerah as approver, across the whole Pemda."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from sopap.web.organisations.models import Jabatan, Pemda, PerangkatDaerah, Role, Unit
from sopap.web.organisations.selectors import unit_choices


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    tempat = forms.ChoiceField(
        label=_("Perangkat daerah"),
        help_text=_("Penyusun dan verifikator selalu di satu perangkat daerah."),
    )
    unit = forms.TypedChoiceField(label=_("Unit kerja"), required=False, coerce=int, empty_value=None)
    jabatan = forms.TypedChoiceField(
        label=_("Jabatan"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Wajib bagi verifikator: tahap verifikasinya mengikuti jabatan ini."),
    )
    jabatan_lain = forms.CharField(
        label=_("Jabatan lain"),
        required=False,
        max_length=300,
        help_text=_("Bila jabatannya tidak ada di daftar, tuliskan seperti tertulis di kolom pelaksana SOP."),
    )

    def __init__(self, *args: Any, pds: list[PerangkatDaerah], pemdas: list[Pemda], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pds = {pd.pk: pd for pd in pds}
        self.pemdas = {pemda.pk: pemda for pemda in pemdas}
        cast("forms.ChoiceField", self.fields["tempat"]).choices = (
            [("", "—")]
            + [(f"pd:{pd.pk}", pd.nama) for pd in pds]
            + [(f"pemda:{pemda.pk}", str(_("Seluruh %(pemda)s") % {"pemda": pemda.nama})) for pemda in pemdas]
        )
        cast("forms.ChoiceField", self.fields["unit"]).choices = unit_choices(pds)
        jabatan: list[Any] = [("", "—")]
        jabatan += [
            (pd.nama, [(j.pk, j.nama) for j in sorted(pd.jabatan.all(), key=lambda j: j.nama)]) for pd in pds
        ]
        cast("forms.ChoiceField", self.fields["jabatan"]).choices = jabatan

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.show(self.problems(data))
        return data

    def problems(self, data: dict[str, Any]) -> dict[str | None, list[str]]:
        from sopap.web.organisations.services import place_problems

        if not data.get("role") or not data.get("tempat"):
            return {}
        return place_problems(role=data["role"], **self._place(data))

    def show(self, problems: dict[str | None, list[str]]) -> None:
        """Every problem beside its field, except on a field that already says what is wrong with it."""
        for name, messages in problems.items():
            if name is not None and (name not in self.fields or name in self.errors):
                continue
            for message in messages:
                self.add_error(name, message)

    def _place(self, data: dict[str, Any]) -> dict[str, Any]:
        kind, _sep, pk = str(data.get("tempat") or "").partition(":")
        pd = self.pds.get(int(pk)) if kind == "pd" and pk.isdigit() else None
        unit = Unit.objects.filter(pk=data["unit"]).first() if data.get("unit") else None
        jabatan = Jabatan.objects.filter(pk=data["jabatan"]).first() if data.get("jabatan") else None
        return {"pd": pd, "unit": unit, "jabatan": jabatan, "jabatan_lain": data.get("jabatan_lain") or ""}

    def place(self) -> dict[str, Any]:
        """The keyword arguments naming where the role is held, for the account services."""
        data = self.cleaned_data
        where: dict[str, Any] = {}
        kind, _sep, pk = data["tempat"].partition(":")
        if kind == "pemda":
            where["pemda"] = self.pemdas[int(pk)]
        else:
            where["pd"] = self.pds[int(pk)]
        where["unit"] = Unit.objects.filter(pk=data["unit"]).first() if data.get("unit") else None
        where["jabatan"] = Jabatan.objects.filter(pk=data["jabatan"]).first() if data.get("jabatan") else None
        where["jabatan_lain"] = data.get("jabatan_lain") or ""
        return where


class AccountForm(RoleForm):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150)
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    password = forms.CharField(
        label=_("Kata sandi awal"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Serahkan kepada pemiliknya; paling sedikit 8 karakter, bukan hanya angka."),
    )

    email = forms.CharField(label=_("Surel"), max_length=254, required=False)
    nip = forms.CharField(label=_("NIP"), max_length=40, required=False)

    field_order = ("username", "full_name", "email", "nip", "password", "role", "tempat", "unit", "jabatan")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _contact_widgets(self)

    def problems(self, data: dict[str, Any]) -> dict[str | None, list[str]]:
        from sopap.web.organisations.services import account_problems

        placed = bool(data.get("tempat"))
        return account_problems(
            username=data.get("username"),
            full_name=data.get("full_name") or "",
            password=data.get("password"),
            role=data.get("role"),
            placed=placed,
            email=data.get("email") or "",
            nip=data.get("nip") or "",
            **(self._place(data) if placed else {}),
        )


def _contact_widgets(form: forms.Form) -> None:
    # Typed as text (not type=email): the browser's own check would speak its language, not the page's,
    # and the service says what is wrong in the same words everywhere.
    form.fields["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
    form.fields["email"].help_text = _("Untuk ringkasan harian tugas; boleh kosong.")
    form.fields["nip"].widget.attrs.update({"inputmode": "numeric"})
    form.fields["nip"].help_text = _("18 angka; spasi di antaranya boleh. Kosongkan bila bukan ASN.")


class ContactForm(forms.Form):
    """The account's e-mail address and NIP; checked by the service, which shows its problems beside them."""

    email = forms.CharField(label=_("Surel"), max_length=254, required=False)
    nip = forms.CharField(label=_("NIP"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _contact_widgets(self)

    def show(self, problems: dict[str | None, list[str]]) -> None:
        for name, messages in problems.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class DigestForm(forms.Form):
    ringkasan_harian = forms.BooleanField(
        label=_("Kirimi saya ringkasan harian lewat surel"),
        required=False,
        help_text=_(
            "Sekali sehari, hanya bila ada yang baru atau jatuh tempo: draf yang dikembalikan, SOP yang "
            "menunggu tindakan Anda, monitoring, evaluasi, kaji ulang dan laporan."
        ),
    )
    bahasa = forms.ChoiceField(
        label=_("Bahasa surel"), choices=[("id", "Bahasa Indonesia"), ("en", "English")]
    )


class PasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi baru"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class OwnPasswordForm(PasswordChangeForm):
    """Django's own check of the current password and of the new one twice, in the app's words."""

    error_messages = {  # noqa: RUF012  (Django's own forms declare it so)
        "password_incorrect": _(
            "Kata sandi sekarang salah. Ketik lagi kata sandi yang Anda pakai untuk masuk."
        ),
        "password_mismatch": _("Kedua isian kata sandi baru tidak sama."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi sekarang")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password1"].help_text = _(
            "Paling sedikit 8 karakter, bukan hanya angka, tidak mirip nama pengguna Anda."
        )
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.fields["new_password2"].help_text = ""
