"""The JSON Schema is published with the project and matches the model and the examples."""

from __future__ import annotations

import json

import jsonschema
import yaml
from click.testing import CliRunner

from sopap.cli.main import cli
from sopap.core.schema import schema_json
from tests.conftest import FORMAT_DOC, REPO, SERANG, SHARED_FORMAT_DOC, spec_example

PUBLISHED = REPO / "docs" / "sop.schema.json"


def test_sopap_schema_prints_the_published_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert result.output == PUBLISHED.read_text(encoding="utf-8"), (
        "run `sopap schema -o docs/sop.schema.json`"
    )


def test_the_format_example_and_every_serang_example_conform_to_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_json()))
    documents = [spec_example()] + [p.read_text(encoding="utf-8") for p in sorted(SERANG.glob("*.sop.yaml"))]
    assert len(documents) == 15
    for text in documents:
        data = json.loads(json.dumps(yaml.safe_load(text), default=str))
        validator.validate(data)


def test_the_schema_rejects_unknown_keys() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_json()))
    data = json.loads(json.dumps(yaml.safe_load(spec_example()), default=str))
    data["nama_sop"] = "x"
    assert not validator.is_valid(data)


def test_the_projects_copy_of_the_format_contract_is_the_shared_one() -> None:
    if SHARED_FORMAT_DOC.exists():
        assert FORMAT_DOC.read_text(encoding="utf-8") == SHARED_FORMAT_DOC.read_text(encoding="utf-8")
