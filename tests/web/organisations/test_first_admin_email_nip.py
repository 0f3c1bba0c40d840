"""The organisation file's first admin may carry an e-mail address (`surel`) and a NIP, in YAML and in the
workbook; a workbook made before those columns existed still loads. The import gives them to the account it
creates, fills an existing account's empty ones, and keeps (and reports) those already set."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from sopap.core.organisation import OrgFileInvalid, read_org_text
from sopap.core.organisation_xlsx import read_org_xlsx, template_bytes
from sopap.web.organisations.models import Profile
from sopap.web.organisations.services import organisation_import

pytestmark = pytest.mark.django_db
NIP = "198501012010011001"
HEAD = "versi_format: 1\npemerintah: Pemerintah Kota Contoh\n"


def load(text: str):  # type: ignore[no-untyped-def]
    return organisation_import(
        source=read_org_text(text, path="contoh.org.yaml"), admin_password="Ortala-2026-kuat"
    )


def test_the_first_admin_gets_the_email_and_nip_of_the_file():
    load(
        HEAD
        + "admin_pertama: {nama_pengguna: ortala, surel: ortala@serangkota.go.id, nip: '19850101 201001 1 001'}\n"
    )
    user = get_user_model().objects.get(username="ortala")
    assert user.email == "ortala@serangkota.go.id" and Profile.objects.get(user=user).nip == NIP


def test_an_existing_admin_keeps_the_email_set_in_the_app_and_the_import_says_so():
    load(HEAD + "admin_pertama: {nama_pengguna: ortala}\n")
    report = load(
        HEAD + f"admin_pertama: {{nama_pengguna: ortala, surel: a@serangkota.go.id, nip: '{NIP}'}}\n"
    )
    user = get_user_model().objects.get(username="ortala")
    assert user.email == "a@serangkota.go.id" and [c.fields for c in report.updated] == [("surel", "nip")]
    report = load(HEAD + "admin_pertama: {nama_pengguna: ortala, surel: b@serangkota.go.id}\n")
    assert get_user_model().objects.get(username="ortala").email == "a@serangkota.go.id"
    assert [(c.kind, c.fields) for c in report.kept] == [("admin", ("surel",))]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("surel: ortala@", "bukan alamat surel yang sah"),
        ("nip: '1985010120100110'", "NIP terdiri atas 18 angka"),
        ("nip: '198599012010011001'", "bukan tanggal lahir"),
    ],
)
def test_a_bad_email_or_nip_is_refused_at_its_line(value, says):
    with pytest.raises(OrgFileInvalid) as refused:
        read_org_text(HEAD + f"admin_pertama:\n  nama_pengguna: ortala\n  {value}\n", path="contoh.org.yaml")
    assert f"contoh.org.yaml:5: admin_pertama.{value.split(':')[0]}: " in refused.value.localized()
    assert says in refused.value.localized()


def test_a_nip_another_account_holds_is_refused_and_nothing_is_written():
    load(HEAD + f"admin_pertama: {{nama_pengguna: ortala, nip: '{NIP}'}}\n")
    with pytest.raises(OrgFileInvalid, match="NIP ini sudah dipakai akun lain"):
        load(HEAD.replace("Contoh", "Lain") + f"admin_pertama: {{nama_pengguna: lain, nip: '{NIP}'}}\n")
    assert not get_user_model().objects.filter(username="lain").exists()


def _workbook(admin_row: list[str], *, drop: tuple[str, ...] = ()) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    book["Pemda"].cell(row=2, column=1, value="Pemerintah Kota Contoh")
    sheet = book["Admin pertama"]
    for header in drop:  # a template made before these columns existed
        column = next(c.column for c in sheet[1] if c.value == header)
        sheet.delete_cols(column)
    for column, value in enumerate(admin_row, start=1):
        sheet.cell(row=2, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_workbook_carries_the_email_and_nip_of_the_first_admin():
    raw = _workbook(["ortala", "Bagian Organisasi", "", "ortala@serangkota.go.id", "19850101 201001 1 001"])
    admin = read_org_xlsx(raw, path="org.xlsx").organisation.admin_pertama
    assert admin is not None and (admin.surel, admin.nip) == ("ortala@serangkota.go.id", NIP)


def test_a_workbook_without_the_email_and_nip_columns_still_reads():
    raw = _workbook(["ortala", "Bagian Organisasi", ""], drop=("Surel", "NIP"))
    admin = read_org_xlsx(raw, path="org.xlsx").organisation.admin_pertama
    assert admin is not None and (admin.nama_pengguna, admin.surel, admin.nip) == ("ortala", "", "")


def test_a_bad_nip_in_the_workbook_is_refused_by_sheet_row_and_column():
    with pytest.raises(OrgFileInvalid) as refused:
        read_org_xlsx(_workbook(["ortala", "", "", "", "12345"]), path="org.xlsx")
    assert "org.xlsx, lembar “Admin pertama”, baris 2, kolom “NIP”" in refused.value.localized()
