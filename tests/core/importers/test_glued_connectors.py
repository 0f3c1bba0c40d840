"""Decision branches from connectors glued to the shapes (`stCxn`/`endCxn`), the strongest evidence there
is, and from unglued lines drawn turned by 90 degrees, read where they are drawn."""

from sopap.core.importers import import_file
from tests.core.importers.layouts import book_sops, identity_sheet_workbook


def _branches(data: bytes) -> list[tuple[int, object, str]]:
    result = import_file(data, "bagan.xlsx")
    out = []
    for sop in result.sops:
        for number, step in enumerate(sop.data["langkah"], start=1):
            if step.get("keputusan"):
                out.append((number, step["keputusan"], sop.report.decisions[number]))
    return out


def _expected() -> list[tuple[int, dict[str, object]]]:
    out = []
    for sop in book_sops()[:2]:
        for number, step in enumerate(sop.langkah, start=1):
            if step.keputusan:
                out.append((number, {"ya": step.keputusan.ya, "tidak": step.keputusan.tidak}))
    return out


def test_glued_connectors_give_each_decision_its_branches():
    found = _branches(identity_sheet_workbook(lines="linked"))
    assert [(n, k) for n, k, _ in found] == _expected()
    assert {how for _, _, how in found} == {"linked"}


def test_glued_connectors_whose_geometry_was_left_behind_still_give_the_right_branches():
    found = _branches(identity_sheet_workbook(lines="stale"))
    assert [(n, k) for n, k, _ in found] == _expected()


def test_a_decision_with_one_glued_line_sends_its_other_branch_to_the_end():
    found = dict((n, k) for n, k, _ in _branches(identity_sheet_workbook(lines="linked")))
    assert found[5] == {"ya": 6, "tidak": "selesai"}


def test_a_bent_connector_stored_turned_by_ninety_degrees_is_followed_where_it_is_drawn():
    found = {n: (k, how) for n, k, how in _branches(identity_sheet_workbook(lines="unlinked"))}
    assert found[2] == ({"ya": 4, "tidak": 3}, "connectors")
