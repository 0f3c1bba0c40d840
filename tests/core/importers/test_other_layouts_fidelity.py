"""Every family of other agencies' layouts imports back with at least 95% of its fields and every actor."""

import pytest

from sopap.core.importers import import_file
from tests.core.importers.layouts import FAMILY_NAMES, ConversionUnavailable, build_family
from tests.importers.fidelity import compare


@pytest.mark.parametrize("name", FAMILY_NAMES)
def test_each_other_layout_imports_back_with_95_percent_of_fields_and_every_actor(name):
    try:
        family = build_family(name)
    except ConversionUnavailable as exc:
        pytest.skip(f"needs LibreOffice to write the test file: {exc}")
    result = import_file(family.data, family.filename)
    agreement = compare(family.expected, [s.sop for s in result.sops], name)
    assert agreement.sops_found == agreement.sops_expected
    assert agreement.field_rate >= 0.95, agreement.misses[:10]
    assert agreement.actor_rate == 1.0, [m for m in agreement.misses if "pelaksana" in m]
