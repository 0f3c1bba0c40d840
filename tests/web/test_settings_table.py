"""Every SOPAP_* variable the code reads is in the README's one table of settings, and nothing else is."""

from __future__ import annotations

import re

from tests.web.env_settings import REPO

# The test harness's own PostgreSQL (scripts/postgres.sh), not a setting of the application.
HARNESS = {"SOPAP_PG_PORT", "SOPAP_PG_STATE"}


def _table_rows() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Pengaturan / Settings", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("| `SOPAP_"))


def test_every_variable_the_code_reads_has_a_row_in_the_readme_table():
    read: set[str] = set()
    for folder in ("src", "tests", "scripts"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in {".py", ".sh"}:
                # Not a header such as X-SOPAP-AUTOSAVE (HTTP_X_SOPAP_...).
                read |= set(re.findall(r"(?<![A-Z_])SOPAP_[A-Z_]*[A-Z]", path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"`(SOPAP_[A-Z_]+)`", _table_rows()))
    assert read - HARNESS - documented == set()
    assert documented - read == set(), "the table lists only what the code reads"
