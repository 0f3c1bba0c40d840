"""Write src/sopap/core/renderers/fonts/metrics.json from the TTF files next to it.

Run after replacing a font file: .venv/bin/python scripts/font_metrics.py
(tests/core/layout/test_text.py fails while the table and the fonts disagree).
"""

from __future__ import annotations

import json

from sopap.core.layout.text import FONT_FILES, METRICS_FILE, face_metrics

if __name__ == "__main__":
    table = {style: face_metrics(style) for style in FONT_FILES}
    METRICS_FILE.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    count = sum(len(run) for face in table.values() for _, run in face["runs"])
    print(f"{METRICS_FILE}: {count} widths")
