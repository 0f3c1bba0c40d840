"""Options shared by several `sopap` commands, defined once."""

from __future__ import annotations

import click

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Bahasa pesan / language of messages.",
)

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Keluaran untuk manusia atau mesin / output for people or machines.",
)
