"""`sopap sign` and `sopap verify-signature` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sopap.cli.main import cli
from sopap.core.renderers.pdf import render_pdf
from sopap.core.sopfile import load_path
from tests.core.signing.certificates import Pki, make_pki

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "serang" / "33-penyusunan-renja.sop.yaml"


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


@pytest.fixture
def files(tmp_path: Path, pki: Pki) -> dict[str, Path]:
    paths = {"pdf": tmp_path / "renja.pdf", "p12": tmp_path / "kunci.p12", "ca": tmp_path / "ca.pem"}
    paths["pdf"].write_bytes(render_pdf(load_path(EXAMPLE)))
    paths["p12"].write_bytes(pki.p12)
    paths["ca"].write_bytes(pki.ca_pem)
    return paths


def _sign(files: dict[str, Path], out: Path, env: dict[str, str], *extra: str, input: str | None = None):  # type: ignore[no-untyped-def]
    args = ["sign", str(files["pdf"]), "-o", str(out), "--sertifikat", str(files["p12"]), *extra]
    return CliRunner().invoke(cli, args, env=env, input=input)


def test_sign_then_verify_says_valid_and_unchanged(tmp_path: Path, files: dict[str, Path]) -> None:
    out = tmp_path / "renja-ttd.pdf"
    signed = _sign(
        files, out, {"SOPAP_SERTIFIKAT_SANDI": "rahasia-uji"}, "--jabatan", "Kepala Dinas", "--bsre"
    )
    assert signed.exit_code == 0, signed.output
    checked = CliRunner().invoke(cli, ["verify-signature", str(out), "--akar", str(files["ca"])])
    assert checked.exit_code == 0, checked.output
    assert "tanda tangan sah" in checked.output
    assert "Budi Santoso" in checked.output
    assert "sertifikat tepercaya" in checked.output


def test_the_passphrase_can_come_from_the_prompt(tmp_path: Path, files: dict[str, Path]) -> None:
    out = tmp_path / "renja-ttd.pdf"
    result = _sign(files, out, {}, input="rahasia-uji\n")
    assert result.exit_code == 0, result.output
    assert "rahasia-uji" not in result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_a_changed_byte_fails_verification(tmp_path: Path, files: dict[str, Path]) -> None:
    out = tmp_path / "renja-ttd.pdf"
    assert _sign(files, out, {"SOPAP_SERTIFIKAT_SANDI": "rahasia-uji"}).exit_code == 0
    data = bytearray(out.read_bytes())
    data[len(data) // 4] ^= 0x01
    out.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["verify-signature", str(out), "--lang", "en"])
    assert result.exit_code == 1
    assert "INVALID" in result.output


def test_a_wrong_passphrase_is_one_line_naming_the_certificate_and_writes_nothing(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    out = tmp_path / "renja-ttd.pdf"
    result = _sign(files, out, {"SOPAP_SERTIFIKAT_SANDI": "salah"})
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"{files['p12']}: sertifikat tidak dapat dibuka: sandi salah atau bukan berkas PKCS#12"
    ]
    assert sorted(tmp_path.iterdir()) == sorted(files.values())


def test_a_missing_certificate_and_a_file_that_is_not_a_pdf_are_named(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    out = tmp_path / "x.pdf"
    env = {"SOPAP_SERTIFIKAT_SANDI": "rahasia-uji"}
    missing = CliRunner().invoke(
        cli,
        ["sign", str(files["pdf"]), "-o", str(out), "--sertifikat", str(tmp_path / "tidak-ada.p12")],
        env=env,
    )
    assert missing.exit_code == 2
    assert missing.output.strip() == f"{tmp_path / 'tidak-ada.p12'}: berkas sertifikat tidak ditemukan"
    not_pdf = CliRunner().invoke(
        cli, ["sign", str(EXAMPLE), "-o", str(out), "--sertifikat", str(files["p12"])], env=env
    )
    assert not_pdf.exit_code == 1
    assert not_pdf.output.strip() == f"{EXAMPLE}: bukan berkas PDF"
    assert "Traceback" not in missing.output + not_pdf.output
    assert not out.exists()


def test_no_passphrase_at_all_is_refused(tmp_path: Path, files: dict[str, Path]) -> None:
    result = _sign(files, tmp_path / "x.pdf", {}, input="")
    assert result.exit_code == 2
    assert "sandi sertifikat tidak diberikan" in result.output


def test_an_unsigned_pdf_is_reported_and_exits_1(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["verify-signature", str(files["pdf"])])
    assert result.exit_code == 1
    assert result.output.strip() == f"{files['pdf']}: tidak ditandatangani"
