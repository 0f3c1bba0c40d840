"""Several SOPs in one file are told apart: three in a Word book, two in one sheet, one per sheet."""

import pytest

from sopap.core.importers import import_file
from tests.core.importers.layouts import build_family


@pytest.mark.parametrize("name", ["grid", "stacked", "wide", "idsheet"])
def test_each_sop_of_a_file_is_found_with_its_own_name_and_number(name):
    family = build_family(name)
    result = import_file(family.data, family.filename)
    assert [(s.sop.nomor, s.sop.nama) for s in result.sops if s.sop] == [
        (s.nomor, s.nama) for s in family.expected
    ]


def test_each_sop_of_a_book_keeps_only_its_own_steps():
    family = build_family("grid")
    result = import_file(family.data, family.filename)
    assert [len(s.sop.langkah) for s in result.sops if s.sop] == [len(s.langkah) for s in family.expected]
