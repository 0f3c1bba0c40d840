"""`sopap serve` collects the static files on start, under hashed names, and only when they changed."""

from __future__ import annotations

import json
import os

import pytest

from sopap.web.static_collect import collect

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def sources(tmp_path, settings):
    source = tmp_path / "source"
    (source / "sopap").mkdir(parents=True)
    # Large enough for WhiteNoise to find compressing it worth it.
    (source / "sopap" / "page.css").write_text("".join(f".c{i} {{ color: #123; }}\n" for i in range(200)))
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "data" / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    return source


def _manifest(settings) -> dict[str, str]:
    return dict(json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())["paths"])


def test_a_start_collects_hashed_and_compressed_copies_and_the_next_start_finds_nothing_to_do(
    sources, settings
):
    assert collect() is True
    hashed = _manifest(settings)["sopap/page.css"]
    assert hashed.startswith("sopap/page.") and hashed != "sopap/page.css"
    assert (settings.STATIC_ROOT / f"{hashed}.gz").is_file()
    assert collect() is False


def test_a_changed_source_file_is_collected_again_under_a_new_name(sources, settings):
    collect()
    before = _manifest(settings)["sopap/page.css"]
    page = sources / "sopap" / "page.css"
    page.write_text("body { color: #456; }\n")
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert collect() is True
    assert _manifest(settings)["sopap/page.css"] != before
