"""The JSON Schema of the `.sop.yaml` format, published as `docs/sop.schema.json`."""

from __future__ import annotations

import json
from typing import Any

from sopap.core.model import SOP

SCHEMA_ID = "urn:sopap:sop-format:1"


def schema() -> dict[str, Any]:
    data = SOP.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **{k: v for k, v in data.items() if k != "title"},
        "title": "SOP AP (.sop.yaml), versi format 1",
        "description": "Standar Operasional Prosedur Administrasi Pemerintahan; see docs/sop-format.md.",
    }


def schema_json() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
