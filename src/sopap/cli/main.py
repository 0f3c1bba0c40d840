"""`sopap`: the command line, a thin layer over :mod:`sopap.core`.

Each command imports what it needs inside its body, so `sopap --help` and `sopap lint` start fast.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

# The command line uses no pydantic plugins; looking for them reads the metadata of every installed
# package before the first model is built (about a tenth of a render's start). Set the variable to
# re-enable them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from sopap.cli.options import FORMAT_OPTION, LANG_OPTION
from sopap.core.i18n import tr

# Commands that live in their own modules, imported only when run (or listed by --help).
# name -> "module:attribute"; a module not yet present is simply not offered.
LAZY_COMMANDS: dict[str, str] = {
    "render": "sopap.cli.render:render",
    "book": "sopap.cli.book:book",
    "keputusan": "sopap.cli.book:keputusan",
    "import": "sopap.cli.importing:import_command",
    "demo": "sopap.cli.demo:demo",
    "export-all": "sopap.cli.backup:export_all_command",
    "import-all": "sopap.cli.backup:import_all_command",
    "serve": "sopap.cli.serve:serve",
    "migrate": "sopap.cli.serve:migrate",
    "org-import": "sopap.cli.organisation:org_import_command",
    "org-template": "sopap.cli.organisation:org_template_command",
    "org-schema": "sopap.cli.organisation:org_schema_command",
    "worker": "sopap.cli.serve:worker",
    "digest": "sopap.cli.digest:digest",
    "seed": "sopap.cli.seed:seed",
    "similar": "sopap.cli.similar:similar",
    "sign": "sopap.cli.signing:sign",
    "verify-signature": "sopap.cli.signing:verify_signature",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        available = [name for name, target in LAZY_COMMANDS.items() if _module_exists(target)]
        return sorted([*super().list_commands(ctx), *available])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is not None and _module_exists(target):
            module_name, attribute = target.split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


def _module_exists(target: str) -> bool:
    return importlib.util.find_spec(target.split(":")[0]) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sopap")
def cli() -> None:
    """sopap: SOP Administrasi Pemerintahan — periksa, tampilkan, cetak dan impor SOP.

    sopap: government SOPs — lint, inspect, render and import them.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@LANG_OPTION
@FORMAT_OPTION
@click.option("--strict", is_flag=True, help="Peringatan juga menggagalkan / warnings fail too.")
def lint(paths: tuple[Path, ...], lang: str, output_format: str, strict: bool) -> None:
    """Periksa berkas .sop.yaml atau folder / check .sop.yaml files or folders.

    Keluar 1 bila ada galat (atau peringatan dengan --strict) / exits 1 on errors.
    """
    from sopap.core.rules import lint_paths

    missing = [p for p in paths if not p.exists()]
    if missing:
        for p in missing:
            click.echo(tr("{path}: berkas atau folder tidak ditemukan", lang, path=str(p)), err=True)
        sys.exit(2)
    # Only the findings are used: valid files need not import pydantic (sopap.core.plain).
    report = lint_paths(list(paths), plain=True)
    if not report.files:
        click.echo(tr("tidak ada berkas .sop.yaml", lang), err=True)
        sys.exit(2)
    if output_format == "json":
        payload: dict[str, Any] = {
            "files": [
                {
                    "file": f.path,
                    "valid": not f.errors,
                    "diagnostics": [d.as_dict(lang) for d in f.diagnostics],
                }
                for f in report.files
            ],
            "errors": report.error_count,
            "warnings": report.warning_count,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for result in report.files:
            for diagnostic in result.diagnostics:
                click.echo(diagnostic.render(lang))
        files = len(report.files)
        summary = tr(
            "{files} berkas: {errors} galat, {warnings} peringatan",
            lang,
            files=files,
            errors=report.error_count,
            warnings=report.warning_count,
        )
        click.echo(summary, err=True)
    failed = report.error_count > 0 or (strict and report.warning_count > 0)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@LANG_OPTION
@FORMAT_OPTION
def info(path: Path, lang: str, output_format: str) -> None:
    """Ringkasan SOP: pelaksana, langkah, keputusan, durasi / an SOP at a glance."""
    from sopap.cli.info import describe

    sop = load_or_exit(path, lang)
    facts = describe(sop, lang=lang)
    if output_format == "json":
        click.echo(json.dumps(facts.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(facts.as_text())


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Tulis ke berkas / write to a file.")
def schema(output: Path | None) -> None:
    """Cetak JSON Schema format .sop.yaml / print the JSON Schema of the format."""
    from sopap.core.schema import schema_json

    text = schema_json()
    if output:
        from sopap.core.fileutil import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


def load_or_exit(path: Path, lang: str) -> Any:
    """Load a valid SOP, or print its errors like `sopap lint` does and exit 1."""
    from sopap.core.rules import lint_paths

    if not path.is_file():
        click.echo(tr("{path}: berkas tidak ditemukan", lang, path=str(path)), err=True)
        sys.exit(2)
    report = lint_paths([path])
    result = report.files[0]
    if result.errors or result.sop is None:
        for diagnostic in result.errors:
            click.echo(diagnostic.render(lang), err=True)
        sys.exit(1)
    return result.sop


# A command runs for well under a second and builds tens of thousands of objects that live until it
# exits (pydantic's model classes, ReportLab, the layouts); collecting them every 700 allocations, the
# default, is wasted work. `sopap demo` puts Python's default (sopap.cli.PYTHON_GC_THRESHOLD) back.
CLI_GC_THRESHOLD = (100_000, 20, 50)


def main() -> None:
    gc.set_threshold(*CLI_GC_THRESHOLD)
    try:
        cli(prog_name="sopap")
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        code = 130
    _exit_now(code)


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=sys.stderr)
    return 1


def _exit_now(code: int) -> None:
    """End the process without tearing down every module and object one by one.

    After a render that teardown took about 60 ms, a sixth of the whole command; the operating system
    frees the memory at once. Exit handlers still run (logging, temporary files) and output is flushed.
    """
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (`sopap lint ... | head`) leaves nothing to flush to.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
