"""The JSON Schema of the organisation file is published with the project and matches the model and the
examples."""

from __future__ import annotations

import json

import jsonschema
import yaml
from click.testing import CliRunner

from sopap.cli.main import cli
from sopap.core.organisation import schema_json
from tests.conftest import EXAMPLES, REPO

PUBLISHED = REPO / "docs" / "org.schema.json"


def examples() -> list[dict]:
    paths = sorted((EXAMPLES / "organisasi").glob("*.org.yaml"))
    assert len(paths) == 2
    return [json.loads(json.dumps(yaml.safe_load(p.read_text(encoding="utf-8")), default=str)) for p in paths]


def test_sopap_org_schema_prints_the_published_schema():
    result = CliRunner().invoke(cli, ["org-schema"])
    assert result.exit_code == 0
    assert result.output == PUBLISHED.read_text(encoding="utf-8"), (
        "run `sopap org-schema -o docs/org.schema.json`"
    )


def test_every_example_organisation_file_conforms_to_the_schema():
    validator = jsonschema.Draft202012Validator(json.loads(schema_json()))
    for data in examples():
        validator.validate(data)


def test_the_schema_rejects_unknown_keys_a_numeric_code_and_a_missing_name():
    validator = jsonschema.Draft202012Validator(json.loads(schema_json()))
    serang = next(d for d in examples() if d["pemerintah"] == "Pemerintah Kota Serang")
    for change in (
        lambda d: d.update(alamat="x"),
        lambda d: d["perangkat_daerah"][0].update(kode=12),
        lambda d: d["perangkat_daerah"][0]["unit"][0].pop("nama"),
        lambda d: d["perangkat_daerah"][0]["jabatan"].append({"nama": "X", "lain": []}),
    ):
        data = json.loads(json.dumps(serang))
        change(data)
        assert not validator.is_valid(data)


def test_the_format_document_names_every_key_of_the_schema():
    text = (REPO / "docs" / "organisation-format.md").read_text(encoding="utf-8")
    schema = json.loads(schema_json())
    keys = set(schema["properties"])
    for definition in schema["$defs"].values():
        keys |= set(definition.get("properties", {}))
    missing = sorted(k for k in keys if f"`{k}`" not in text)
    assert missing == []
