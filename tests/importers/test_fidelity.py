"""The fidelity corpus: every variant imports back to the SOPs it was built from."""

import pytest
from corpus import build_case, case_names
from fidelity import compare

from sopap.core.importers import import_file


@pytest.mark.parametrize("name", case_names())
def test_each_corpus_file_imports_back_with_95_percent_of_fields_and_every_actor(name):
    case = build_case(name)
    result = import_file(case.data, case.filename)
    agreement = compare(case.expected, [s.sop for s in result.sops], name)
    print(
        f"{name}: fields {agreement.field_rate:.1%} ({agreement.fields_ok}/{agreement.fields}), "
        f"actors {agreement.actor_rate:.1%} ({agreement.actors_ok}/{agreement.steps})"
    )
    assert agreement.sops_found == agreement.sops_expected
    assert agreement.field_rate >= 0.95, agreement.misses[:10]
    assert agreement.actor_rate == 1.0, [m for m in agreement.misses if "pelaksana" in m]


def test_the_serang_examples_written_as_the_seeds_lay_them_out_import_back_to_the_same_sops():
    case = build_case("docx-cell")
    result = import_file(case.data, case.filename)
    serang = [s.sop for s in result.sops][:14]
    for want, got in zip(case.expected[:14], serang, strict=True):
        assert got == want, want.nama
