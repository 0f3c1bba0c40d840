# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""The trigram index over the catalog's vocabulary, the vocabulary and the body text of the rows already
indexed, and a first list of abbreviations.

On SQLite an FTS5 table with the trigram tokenizer mirrors `catalog_catalogword` through triggers. On
PostgreSQL `pg_trgm` is created when the server has it and the user may (it is a trusted extension since
PostgreSQL 13: the database's owner may); without it the selector compares words in Python instead.
"""

import importlib
from typing import Any

from django.db import migrations

# SQLite alters a table by copying it, dropping the old one and renaming the copy: the columns 0004 added
# to catalog_catalogentry took 0002's triggers with them. They are made again, and the full-text table
# rebuilt from the rows in case anything was written in between.
_FTS_TRIGGERS = importlib.import_module("sopap.web.catalog.migrations.0002_fulltext").SQLITE_FORWARD[1:]
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS catalog_fts_ai",
    "DROP TRIGGER IF EXISTS catalog_fts_ad",
    "DROP TRIGGER IF EXISTS catalog_fts_au",
    *_FTS_TRIGGERS,
    "INSERT INTO catalog_fts(catalog_fts) VALUES ('rebuild')",
    """CREATE VIRTUAL TABLE catalog_word_trigram USING fts5(
        word, content='catalog_catalogword', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER catalog_word_trigram_ai AFTER INSERT ON catalog_catalogword BEGIN
        INSERT INTO catalog_word_trigram(rowid, word) VALUES (new.id, new.word);
    END""",
    """CREATE TRIGGER catalog_word_trigram_ad AFTER DELETE ON catalog_catalogword BEGIN
        INSERT INTO catalog_word_trigram(catalog_word_trigram, rowid, word) VALUES ('delete', old.id, old.word);
    END""",
    """CREATE TRIGGER catalog_word_trigram_au AFTER UPDATE ON catalog_catalogword BEGIN
        INSERT INTO catalog_word_trigram(catalog_word_trigram, rowid, word) VALUES ('delete', old.id, old.word);
        INSERT INTO catalog_word_trigram(rowid, word) VALUES (new.id, new.word);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_word_trigram_au",
    "DROP TRIGGER IF EXISTS catalog_word_trigram_ad",
    "DROP TRIGGER IF EXISTS catalog_word_trigram_ai",
    "DROP TABLE IF EXISTS catalog_word_trigram",
]
PG_INDEX = "CREATE INDEX catalog_word_trgm ON catalog_catalogword USING GIN (word gin_trgm_ops)"

# Only abbreviations whose meaning in Indonesian local government is not in doubt.
SEEDS = [
    ("APBD", "anggaran pendapatan dan belanja daerah"),
    ("ASN", "aparatur sipil negara"),
    ("BAPPEDA", "badan perencanaan pembangunan daerah"),
    ("BAST", "berita acara serah terima"),
    ("DPA", "dokumen pelaksanaan anggaran"),
    ("IKU", "indikator kinerja utama"),
    ("KPA", "kuasa pengguna anggaran"),
    ("LAKIP", "laporan akuntabilitas kinerja instansi pemerintah"),
    ("LHKPN", "laporan harta kekayaan penyelenggara negara"),
    ("LHP", "laporan hasil pemeriksaan"),
    ("LKjIP", "laporan kinerja instansi pemerintah"),
    ("LKPJ", "laporan keterangan pertanggungjawaban"),
    ("LPPD", "laporan penyelenggaraan pemerintahan daerah"),
    ("OPD", "organisasi perangkat daerah"),
    ("PNS", "pegawai negeri sipil"),
    ("PPK", "pejabat pembuat komitmen"),
    ("PPTK", "pejabat pelaksana teknis kegiatan"),
    ("RENJA", "rencana kerja"),
    ("RENSTRA", "rencana strategis"),
    ("RKA", "rencana kerja dan anggaran"),
    ("RKPD", "rencana kerja pemerintah daerah"),
    ("RPJMD", "rencana pembangunan jangka menengah daerah"),
    ("SAKIP", "sistem akuntabilitas kinerja instansi pemerintah"),
    ("SKM", "survei kepuasan masyarakat"),
    ("SKPD", "satuan kerja perangkat daerah"),
    ("SOP", "standar operasional prosedur"),
    ("SP2D", "surat perintah pencairan dana"),
    ("SPIP", "sistem pengendalian intern pemerintah"),
    ("SPJ", "surat pertanggungjawaban"),
    ("SPM", "surat perintah membayar"),
    ("SPP", "surat permintaan pembayaran"),
    ("SPPD", "surat perintah perjalanan dinas"),
    ("SPT", "surat perintah tugas"),
]


def forward(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
            available = cursor.fetchone() is not None
        if available:
            # A savepoint: a refusal (no right to create it) must not abort the migration's transaction.
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SAVEPOINT catalog_trgm")
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                    cursor.execute(PG_INDEX)
                    cursor.execute("RELEASE SAVEPOINT catalog_trgm")
            except Exception:
                with connection.cursor() as cursor:
                    cursor.execute("ROLLBACK TO SAVEPOINT catalog_trgm")

    fill(apps, schema_editor)


def fill(apps: Any, schema_editor: Any) -> None:
    """The rows already in the catalog: their body text and their words; the first abbreviations."""
    alias = schema_editor.connection.alias
    entries = apps.get_model("catalog", "CatalogEntry").objects.using(alias)
    words = apps.get_model("catalog", "CatalogWord").objects.using(alias)
    # The live code, as in 0003: the body text stored is exactly what catalog_index stores today.
    from sopap.web.authoring.editor import data_from_text
    from sopap.web.catalog.services import searchable_text

    in_force = entries.filter(revision__status="berlaku").select_related("revision")
    for entry in in_force.iterator(chunk_size=200):
        _nama, body = searchable_text(data_from_text(entry.revision.yaml_text))
        entries.filter(pk=entry.pk).update(body_text=body)
    seen: set[str] = set()
    for nama_terms, body_terms in entries.values_list("nama_terms", "body_terms").iterator(chunk_size=200):
        seen.update(w for w in f"{nama_terms} {body_terms}".split() if len(w) <= 100)
    words.bulk_create([words.model(word=w) for w in sorted(seen)], batch_size=500, ignore_conflicts=True)

    sinonim = apps.get_model("catalog", "Sinonim").objects.using(alias)
    sinonim.bulk_create(
        [sinonim.model(istilah=istilah, padanan=padanan) for istilah, padanan in SEEDS], ignore_conflicts=True
    )


def backward(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)
    elif connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalog_word_trgm")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_permanent_links_words_synonyms")]
    operations = [migrations.RunPython(forward, backward)]
