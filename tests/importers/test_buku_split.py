"""A Buku SOP (cover, foreword, symbol legend, then many SOPs) splits into one SOP per identity table."""

from click.testing import CliRunner
from corpus import Options, build_docx, serang_sops

from sopap.cli.main import cli
from sopap.core.importers import import_file


def test_a_buku_of_the_fourteen_serang_sops_splits_into_fourteen_sops_in_order():
    sops = serang_sops()
    data = build_docx(sops, Options(shapes="cell"), buku=True)
    result = import_file(data, "buku.docx")
    assert [s.sop.nomor for s in result.sops] == [s.nomor for s in sops]


def test_the_cli_writes_one_file_per_sop_named_from_nomor_and_nama(tmp_path):
    data = build_docx(serang_sops()[:3], Options(shapes="vml"), buku=True)
    source = tmp_path / "buku.docx"
    source.write_bytes(data)
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert run.exit_code == 0, run.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "12.01.31.2019-mekanisme-pengajuan-spp-spm-up-gu-tu-ls.sop.yaml",
        "12.01.32.2019-mekanisme-penyusunan-spj.sop.yaml",
        "12.01.33.2019-mekanisme-penyusunan-renja.sop.yaml",
    ]


def test_a_procedure_table_split_across_pages_stays_one_sop():
    sops = serang_sops()[2:3]
    data = build_docx(sops, Options(shapes="cell", split_after=4))
    result = import_file(data, "split.docx")
    assert len(result.sops) == 1
    assert result.sops[0].sop == sops[0]
