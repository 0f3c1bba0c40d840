"""SOPs kept in Excel: cells and merged ranges, shapes from the drawing part."""

import pytest
from corpus import build_xlsx, for_text_variant, serang_sops, synthetic_sops

from sopap.core.importers import import_file


@pytest.mark.parametrize("variant", ["shapes", "group", "symbols", "text"])
def test_a_workbook_with_one_sop_per_sheet_imports_every_sheet(variant):
    sops = serang_sops()[:2] + synthetic_sops()
    if variant == "text":
        sops = [for_text_variant(s) for s in sops]
    result = import_file(build_xlsx(sops, variant), "buku.xlsx")
    assert [s.sop for s in result.sops] == sops


def test_shapes_in_the_drawing_part_decide_the_actors():
    result = import_file(build_xlsx(synthetic_sops()[:1], "shapes"), "x.xlsx")
    assert set(result.sops[0].report.actor_evidence) == {"shape"}


def test_a_flowchart_grouped_in_excel_is_read_through_the_group_child_space():
    import io
    import zipfile

    data = build_xlsx(synthetic_sops()[:1], "group")
    drawing = zipfile.ZipFile(io.BytesIO(data)).read("xl/drawings/drawing1.xml").decode()
    assert drawing.count("<xdr:grpSp>") == 1 and "<a:chOff " in drawing and "<a:chExt " in drawing
    result = import_file(data, "x.xlsx")
    assert result.sops[0].sop == synthetic_sops()[0]
    assert set(result.sops[0].report.actor_evidence) == {"shape"}
