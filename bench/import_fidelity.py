"""Import fidelity over the test corpus: field and actor agreement per variant, for the closing note.

Run: .venv/bin/python bench/import_fidelity.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "importers"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import build_case, case_names
from fidelity import Agreement, compare

from sopap.core.importers import import_file


def main() -> None:
    total = Agreement()
    print(f"{'variant':26} {'SOPs':>7} {'fields':>15} {'actors':>13} {'evidence':>18} {'ms':>6}")
    for name in case_names():
        case = build_case(name)
        start = time.perf_counter()
        result = import_file(case.data, case.filename)
        elapsed = (time.perf_counter() - start) * 1000
        agreement = compare(case.expected, [s.sop for s in result.sops], name)
        total.add(agreement)
        evidence = sorted({e for s in result.sops for e in s.report.actor_evidence})
        print(
            f"{name:26} {agreement.sops_found:>3}/{agreement.sops_expected:<3} "
            f"{agreement.field_rate:>6.1%} {agreement.fields_ok:>4}/{agreement.fields:<4} "
            f"{agreement.actor_rate:>6.1%} {agreement.actors_ok:>3}/{agreement.steps:<3} "
            f"{','.join(evidence):>18} {elapsed:>6.0f}"
        )
        for miss in agreement.misses[:5]:
            print("    miss:", miss)
    print(
        f"{'TOTAL':26} {total.sops_found:>3}/{total.sops_expected:<3} "
        f"{total.field_rate:>6.1%} {total.fields_ok:>4}/{total.fields:<4} "
        f"{total.actor_rate:>6.1%} {total.actors_ok:>3}/{total.steps:<3}"
    )


def other_layouts() -> None:
    """The layouts of other agencies (tests/core/importers/layouts.py), reported apart from the
    generated corpus: target 95% of fields and 100% of actors."""
    from tests.core.importers.layouts import FAMILY_NAMES, ConversionUnavailable, build_family

    from sopap.core.importers import ImportFileError

    total = Agreement()
    print()
    print(f"{'other layouts':26} {'SOPs':>7} {'fields':>15} {'actors':>13} {'evidence':>18} {'ms':>6}")
    for name in FAMILY_NAMES:
        try:
            family = build_family(name)
        except ConversionUnavailable as exc:
            print(f"{name:26} skipped: {exc}")
            continue
        start = time.perf_counter()
        try:
            sops = [s.sop for s in import_file(family.data, family.filename).sops]
            evidence = ""
        except ImportFileError as exc:
            sops, evidence = [], f"error: {exc.message[:40]}"
        elapsed = (time.perf_counter() - start) * 1000
        agreement = compare(family.expected, sops, name)
        total.add(agreement)
        print(
            f"{name + ' (' + family.filename + ')':26} {agreement.sops_found:>3}/{agreement.sops_expected:<3} "
            f"{agreement.field_rate:>6.1%} {agreement.fields_ok:>4}/{agreement.fields:<4} "
            f"{agreement.actor_rate:>6.1%} {agreement.actors_ok:>3}/{agreement.steps:<3} "
            f"{evidence:>18} {elapsed:>6.0f}"
        )
        for miss in agreement.misses[:3]:
            print("    miss:", miss)
    print(
        f"{'TOTAL other layouts':26} {total.sops_found:>3}/{total.sops_expected:<3} "
        f"{total.field_rate:>6.1%} {total.fields_ok:>4}/{total.fields:<4} "
        f"{total.actor_rate:>6.1%} {total.actors_ok:>3}/{total.steps:<3}"
    )


if __name__ == "__main__":
    main()
    other_layouts()
