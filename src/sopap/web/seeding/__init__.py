"""`sopap seed`: a whole province of synthetic but realistic data, for load tests and for trying the app at size.

Every Pemda of the province gets its Perangkat Daerah (dinas, badan, kecamatan), each with its units,
positions, verification chain and one account per role; each PD gets its SOPs, varied deterministically
from the Serang examples and a set of common office procedures (names, actors, times, an extra step), with
revisions in every state (in force, replaced, withdrawn, drafts on their way), the workflow log of each, the
edit log, the catalog's search index and vocabulary, monitorings and evaluations.

The services would take hours for 100,000 SOPs (each save dumps and lints its YAML), so the rows are
written directly, in the state the services would have left them: the YAML of each variant is dumped once
with placeholders and filled in by string replacement; the search terms of a variant's body are stemmed once
and joined with those of each SOP's own identity (the stemmer works word by word, so that equals indexing the
whole text); rows go in with COPY on PostgreSQL and executemany elsewhere, with their keys assigned here. The
audit tables only ever receive INSERTs, which their append-only triggers allow; on SQLite the FTS5 table
follows the catalog rows through its insert trigger, on PostgreSQL the GIN index does.

Accounts of one role share one password (and its hash, computed once: a PBKDF2 hash per account would take
longer than the rest of the seed).
"""

from sopap.web.seeding.seeder import PASSWORDS, SeedRefused, SeedResult, database_is_empty, seed
from sopap.web.seeding.variant_texts import Variant, fill, variants

__all__ = [
    "PASSWORDS",
    "SeedRefused",
    "SeedResult",
    "Variant",
    "database_is_empty",
    "fill",
    "seed",
    "variants",
]
