"""Public reads: only revisions that were decreed and put in force ever come out of here.

The search reads a query as words; an abbreviation or term of the admin's list (`Sinonim`) matches its
expansion and the other way round ("rencana kerja" finds RENJA); a word the index has never seen is
compared with the words it has, through a trigram index, and the nearest one offered ("Maksud Anda").
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from sopap.web.authoring.models import Revision, SopDocument
from sopap.web.catalog.generation import GENERATION_ID
from sopap.web.catalog.models import CatalogEntry, CatalogGeneration, CatalogWord, Sinonim
from sopap.web.catalog.stemmer import stem, words
from sopap.web.organisations.models import PerangkatDaerah, Unit
from sopap.web.shared.status import PUBLIC, Status

MAX_TERMS = 8
# Fewer results than this, and a word the index does not know: worth looking for what was meant.
FEW_RESULTS = 3
# How alike a word of the index must be to a word typed (difflib's ratio: "penyusnan" and "penyusunan" are
# 0.95, "renstar" and "renstra" 0.86, "renja" and "renstra" 0.5).
SIMILAR = 0.75
CANDIDATES = 40
# A word shorter than this is too short to be a typo of anything in particular.
CORRECTABLE_LENGTH = 4
# Statuses of a revision that was once in force: the public history of an SOP.
DECREED_PUBLIC = frozenset({Status.BERLAKU, Status.DIGANTIKAN, Status.DICABUT})


def _public() -> QuerySet[CatalogEntry]:
    return CatalogEntry.objects.filter(revision__status__in=PUBLIC).select_related("pd", "unit", "revision")


def catalog_list(*, pd: PerangkatDaerah | None = None, unit: Unit | None = None) -> QuerySet[CatalogEntry]:
    qs = _public()
    if pd is not None:
        qs = qs.filter(pd=pd)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("pd__nama", "unit__urutan", "nomor", "nama")


def catalog_list_rows(*, pd: PerangkatDaerah | None = None) -> QuerySet[CatalogEntry]:
    """``catalog_list`` with only what the list page shows of an entry (its SOP, name, number, PD and unit):
    not the texts, an entry's body and its revision's YAML being kilobytes each, most of the list's reading
    time for a PD's 200 SOPs."""
    qs = CatalogEntry.objects.filter(revision__status__in=PUBLIC).select_related("pd", "unit")
    if pd is not None:
        qs = qs.filter(pd=pd)
    return qs.only(
        "document_id", "nama", "nomor", "pd__nama", "unit__nama", "unit__pd_id", "unit__parent_id"
    ).order_by("pd__nama", "unit__urutan", "nomor", "nama")


# ------------------------------------------------------------------------------------------- search

# A query is a list of slots that must all match; a slot matches when one of its alternatives does; an
# alternative is words that must all match. Without synonyms every slot is one word.
Alternative = tuple[str, ...]
Slot = tuple[Alternative, ...]


@dataclass(frozen=True)
class Pair:
    istilah: Alternative
    padanan: Alternative
    # As the admin wrote it, to say on the results page which one was used: "RENJA = rencana kerja".
    label: str


def synonym_pairs() -> list[Pair]:
    return [
        Pair(tuple(words(istilah)), tuple(words(padanan)), f"{istilah} = {padanan}")
        for istilah, padanan in Sinonim.objects.values_list("istilah", "padanan")
    ]


def _used(slots: list[Slot], pairs: list[Pair]) -> list[str]:
    expanded = [set(slot) for slot in slots if len(slot) > 1]
    return [p.label for p in pairs if any({p.istilah, p.padanan} <= alts for alts in expanded)]


def _slots(ws: list[str], pairs: list[Pair]) -> list[Slot]:
    """Each run of words that is one side of a pair becomes a slot with both sides; the longest run wins."""
    sides: dict[Alternative, list[Alternative]] = {}
    for pair in pairs:
        a, b = pair.istilah, pair.padanan
        if a and b:
            sides.setdefault(a, []).append(b)
            sides.setdefault(b, []).append(a)
    longest = max((len(s) for s in sides), default=0)
    slots: list[Slot] = []
    i = 0
    while i < len(ws):
        for size in range(min(longest, len(ws) - i), 0, -1):
            run = tuple(ws[i : i + size])
            if run in sides:
                slots.append((run, *dict.fromkeys(sides[run])))
                i += size
                break
        else:
            slots.append(((ws[i],),))
            i += 1
    return slots


def _fts5_word(w: str) -> str:
    # Each word matches as a prefix (while typing) or by its stem.
    return f'("{w}"* OR "{stem(w)}")'


def _fts5_query(slots: list[Slot]) -> str:
    return " AND ".join(
        "(" + " OR ".join("(" + " AND ".join(_fts5_word(w) for w in alt) + ")" for alt in slot) + ")"
        for slot in slots
    )


def _ts_word(w: str) -> str:
    return f"({w}:* | {stem(w)})"


def _tsquery(slots: list[Slot]) -> str:
    return " & ".join(
        "(" + " | ".join("(" + " & ".join(_ts_word(w) for w in alt) + ")" for alt in slot) + ")"
        for slot in slots
    )


# A page of search results.
SEARCH_PAGE = 50
# On PostgreSQL at most this many rows whose name matches, and this many more whose text does, are ranked: a
# word found in most SOPs would otherwise rank every one of them for each query. Past it the count says
# "more than".
RANKED = 1000

_PG_SEARCH = """
WITH q AS (SELECT to_tsquery('simple', %(query)s) AS query),
candidates AS (
    (SELECT e.id FROM catalog_catalogentry e, q WHERE e.name_vector @@ q.query {pd} LIMIT %(ranked)s)
    UNION
    (SELECT e.id FROM catalog_catalogentry e, q WHERE e.search_vector @@ q.query {pd} LIMIT %(ranked)s)
)
SELECT e.id, count(*) OVER () FROM catalog_catalogentry e JOIN candidates c ON c.id = e.id, q
ORDER BY ts_rank(e.search_vector, q.query) DESC, e.id LIMIT %(limit)s OFFSET %(offset)s
"""
# bm25() may not sit beside a window function: ranked in a subquery, counted outside it.
_SQLITE_SEARCH = """
SELECT m.id, count(*) OVER () FROM (
    SELECT rowid AS id, bm25(catalog_fts, 10.0, 1.0) AS rank FROM catalog_fts WHERE catalog_fts MATCH %(query)s
) m {join}
ORDER BY m.rank, m.id LIMIT %(limit)s OFFSET %(offset)s
"""


@dataclass(frozen=True)
class Matches:
    ids: list[int]
    total: int
    # The count stopped at RANKED: there are more.
    more: bool = False


def _matching_ids(slots: list[Slot], pd: PerangkatDaerah | None = None, page: int = 1) -> Matches:
    """The ids of one page of the best matches, and how many match."""
    params: dict[str, str | int | None] = {
        "limit": SEARCH_PAGE,
        "offset": (page - 1) * SEARCH_PAGE,
        "pd": pd.pk if pd else None,
    }
    if connection.vendor == "sqlite":
        join = "JOIN catalog_catalogentry e ON e.id = m.id AND e.pd_id = %(pd)s" if pd else ""
        sql = _SQLITE_SEARCH.format(join=join)
        params["query"] = _fts5_query(slots)
    elif connection.vendor == "postgresql":
        sql = _PG_SEARCH.format(pd="AND e.pd_id = %(pd)s" if pd else "")
        params.update(query=_tsquery(slots), ranked=RANKED)
    else:  # pragma: no cover - other databases: a plain substring match
        qs = _public()
        if pd is not None:
            qs = qs.filter(pd=pd)
        for slot in slots:
            either = Q()
            for alt in slot:
                every = Q()
                for w in alt:
                    every &= Q(body_terms__icontains=w) | Q(nama_terms__icontains=w)
                either |= every
            qs = qs.filter(either)
        ids = list(qs.values_list("id", flat=True))
        return Matches(ids[(page - 1) * SEARCH_PAGE : page * SEARCH_PAGE], len(ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = int(rows[0][1]) if rows else 0
    return Matches([row[0] for row in rows], min(total, RANKED), more=total > RANKED)


def _entries(ids: list[int]) -> list[CatalogEntry]:
    if not ids:
        return []
    by_id = {e.id: e for e in _public().filter(id__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def _search(
    ws: list[str], pairs: list[Pair], pd: PerangkatDaerah | None, page: int = 1
) -> tuple[list[Slot], Matches, list[CatalogEntry]]:
    slots = _slots(ws, pairs)
    matches = _matching_ids(slots, pd, page)
    return slots, matches, _entries(matches.ids)


def catalog_search(*, q: str, pd: PerangkatDaerah | None = None) -> list[CatalogEntry]:
    """Full-text search in Indonesian over name, steps, actors and legal basis; best matches first."""
    return catalog_find(q=q, pd=pd).entries


@dataclass
class SearchResult:
    q: str
    # One page of the matches, best first.
    entries: list[CatalogEntry]
    # Every word that matched or could have (typed, its synonyms, its correction): what to highlight.
    terms: list[str] = field(default_factory=list)
    # "Maksud Anda": the query with its unknown words corrected, when that finds more.
    suggestion: str = ""
    # True when the query itself found nothing and the entries are those of the suggestion.
    corrected: bool = False
    # The abbreviations of the admin's list the search used: "RENJA = rencana kerja".
    synonyms: list[str] = field(default_factory=list)
    # How many match in all (at most RANKED, and `more` when there are more), and which page this is.
    total: int = 0
    more: bool = False
    page: int = 1

    @property
    def has_next(self) -> bool:
        return self.page * SEARCH_PAGE < self.total

    @property
    def first(self) -> int:
        return (self.page - 1) * SEARCH_PAGE + 1 if self.entries else 0

    @property
    def last(self) -> int:
        return (self.page - 1) * SEARCH_PAGE + len(self.entries)


def catalog_find(*, q: str, pd: PerangkatDaerah | None = None, page: int = 1) -> SearchResult:
    ws = words(q)[:MAX_TERMS]
    page = max(1, page)
    if not ws:
        entries = list(catalog_list(pd=pd))
        return SearchResult(q=q, entries=entries, total=len(entries))
    pairs = synonym_pairs()
    slots, matches, entries = _search(ws, pairs, pd, page)
    result = SearchResult(
        q=q,
        entries=entries,
        terms=_slot_words(slots),
        synonyms=_used(slots, pairs),
        total=matches.total,
        more=matches.more,
        page=page,
    )
    if matches.total >= FEW_RESULTS or page > 1:
        return result
    fixed = _corrected(ws)
    if fixed == ws:
        return result
    fixed_slots, fixed_matches, fixed_entries = _search(fixed, pairs, pd)
    if fixed_matches.total <= matches.total:
        return result
    result.suggestion = " ".join(fixed)
    if not entries:
        result.entries, result.terms, result.corrected = fixed_entries, _slot_words(fixed_slots), True
        result.synonyms = _used(fixed_slots, pairs)
        result.total, result.more = fixed_matches.total, fixed_matches.more
    return result


def _slot_words(slots: list[Slot]) -> list[str]:
    return list(dict.fromkeys(w for slot in slots for alt in slot for w in alt))


# ------------------------------------------------------------------------------------------- typos


def _trigrams(w: str) -> list[str]:
    return list(dict.fromkeys(w[i : i + 3] for i in range(len(w) - 2)))


_PG_TRGM: dict[str, bool] = {}


def _pg_trgm() -> bool:
    # Whether migration 0005 could create the extension: asked once per process and database.
    alias = connection.alias
    if alias not in _PG_TRGM:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _PG_TRGM[alias] = cursor.fetchone() is not None
    return _PG_TRGM[alias]


def _candidates(w: str) -> list[str]:
    """Words of the index sharing trigrams with ``w``, most alike first (a superset: difflib decides)."""
    if connection.vendor == "sqlite":
        match = " OR ".join(f'"{t}"' for t in _trigrams(w))
        sql = (
            "SELECT word FROM catalog_word_trigram WHERE catalog_word_trigram MATCH %s "
            f"ORDER BY rank LIMIT {CANDIDATES}"
        )
        params: list[str] = [match]
    elif connection.vendor == "postgresql" and _pg_trgm():
        sql = (
            "SELECT word FROM catalog_catalogword WHERE word %% %s "
            f"ORDER BY similarity(word, %s) DESC, word LIMIT {CANDIDATES}"
        )
        params = [w, w]
    else:
        # No trigram index: every word of about the same length, compared in Python.
        return list(
            CatalogWord.objects.annotate(n=Length("word"))
            .filter(n__gte=len(w) - 2, n__lte=len(w) + 2)
            .values_list("word", flat=True)
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _closest(w: str, candidates: list[str]) -> str | None:
    best, best_ratio = None, SIMILAR
    matcher = difflib.SequenceMatcher()
    # difflib caches what it learns about its second sequence: the typed word goes there, once.
    matcher.set_seq2(w)
    for c in candidates:
        matcher.set_seq1(c)
        # The two cheap upper bounds first, as difflib.get_close_matches does: most words fail them.
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        # On a tie the longer word: "penyusnan" is nearer "penyusunan" than a stem cut out of it.
        if ratio > best_ratio or (best is not None and ratio == best_ratio and len(c) > len(best)):
            best, best_ratio = c, ratio
    return best


def _corrected(ws: list[str]) -> list[str]:
    """``ws`` with each word the index does not hold replaced by the nearest word it does hold."""
    unknown = [w for w in ws if len(w) >= CORRECTABLE_LENGTH and not w.isdigit()]
    if not unknown:
        return ws
    known = set(CatalogWord.objects.filter(word__in=unknown).values_list("word", flat=True))
    fixes = {w: _closest(w, _candidates(w)) for w in dict.fromkeys(unknown) if w not in known}
    return [fixes.get(w) or w for w in ws]


# ---------------------------------------------------------------------------------- SOP and history


def catalog_entry_get(*, pk: int) -> CatalogEntry | None:
    """The entry of that number, in force or not: an old address of the catalog."""
    return CatalogEntry.objects.filter(pk=pk).select_related("revision").first()


@dataclass
class PublicRevision:
    revision: Revision
    # The date it stopped being in force (replaced or withdrawn), and why when withdrawn.
    ended: dt.date | None = None
    reason: str = ""
    replaced_by: int | None = None

    @property
    def in_force(self) -> bool:
        return self.revision.status == Status.BERLAKU

    @property
    def withdrawn(self) -> bool:
        return self.revision.status == Status.DICABUT


@dataclass
class PublicSop:
    document: SopDocument
    # Newest first: every revision that was ever in force.
    revisions: list[PublicRevision]

    @property
    def current(self) -> PublicRevision:
        return self.revisions[0]

    def number(self, n: int) -> PublicRevision | None:
        return next((r for r in self.revisions if r.revision.number == n), None)


def public_sop_get(*, pk: int) -> PublicSop | None:
    """An SOP with every revision of it that was in force, or None when none ever was (a draft stays
    private)."""
    document = SopDocument.objects.select_related("pd", "unit").filter(pk=pk).first()
    if document is None:
        return None
    revisions = list(
        Revision.objects.filter(document=document, status__in=DECREED_PUBLIC)
        .select_related("catalog_entry")
        .order_by("-number")
    )
    if not revisions:
        return None
    out: list[PublicRevision] = []
    later: Revision | None = None
    for revision in revisions:
        entry = getattr(revision, "catalog_entry", None)
        item = PublicRevision(revision=revision)
        if revision.status != Status.BERLAKU:
            # A decreed revision's row changes only in its status, so its last write is when it left.
            ended_at = entry.ended_at if entry is not None and entry.ended_at else revision.updated_at
            item.ended = timezone.localtime(ended_at).date()
            if revision.status == Status.DIGANTIKAN and later is not None:
                item.replaced_by = later.number
                item.ended = later.tanggal_berlaku or item.ended
            if entry is not None:
                item.reason = entry.end_reason
        revision.document = document
        out.append(item)
        later = revision
    return PublicSop(document=document, revisions=out)


# Up to this many SOPs in force, the catalog's front page lists every one; beyond, it lists the Perangkat
# Daerah with how many each has (a province's 70,000 SOPs are not one page).
CATALOG_LIST_ALL = 300


def catalog_counts() -> dict[int, int]:
    """PD id -> how many SOPs it has in force."""
    # Read from the documents' revision in force (one table), not from the entries joined to their
    # revisions' status: the same set, a tenth of the time at 70,000 SOPs.
    rows = (
        SopDocument.objects.filter(in_force__isnull=False)
        .values("pd_id")
        .annotate(n=Count("id"))
        .values_list("pd_id", "n")
    )
    return dict(rows)


def catalog_generation() -> int | None:
    """The catalog's generation (counted up by the database whenever what the list and search pages show
    may have changed), or None when the database has no such row (then nothing is cached)."""
    return CatalogGeneration.objects.filter(pk=GENERATION_ID).values_list("number", flat=True).first()


def catalog_pds() -> QuerySet[PerangkatDaerah]:
    # One index probe per PD that stops at its first SOP in force, rather than every entry of the catalog
    # read to make the set of their PDs (half the time at 100,000 SOPs).
    return PerangkatDaerah.objects.filter(
        Exists(CatalogEntry.objects.filter(pd=OuterRef("pk"), revision__status__in=PUBLIC))
    ).order_by("nama")


def catalog_pd_choices() -> list[tuple[int, str]]:
    """(id, name) of every PD with an SOP in force, by name: the catalog's chooser of a PD."""
    return list(catalog_pds().values_list("pk", "nama"))


# ---------------------------------------------------------------------------------- SOPs that should be one

# Who sees the families across Perangkat Daerah: the Bagian Organisasi and the Sekda (Pemda-wide roles).
FAMILY_ROLES = frozenset({"admin_organisasi", "pengesah", "auditor"})


def family_pemda_ids(*, user: Any) -> set[int]:
    """The Pemda over which the user holds a Pemda-wide role that looks at keselarasan."""
    from sopap.web.organisations.selectors import memberships_of

    return {m.pemda_id for m in memberships_of(user=user) if m.pd_id is None and m.role in FAMILY_ROLES}


@dataclass(frozen=True)
class FamilyMember:
    revision: Revision
    member: Any  # sopap.core.similarity.Member keyed by revision id


def sop_families(*, pemda_ids: set[int]) -> list[list[FamilyMember]]:
    """The families of SOPs in force across the Perangkat Daerah of these Pemda (Perwali Serang 50/2017
    Pasal 3 (4)), each with its central SOP first."""
    from sopap.core.errors import SopapError
    from sopap.core.similarity import families
    from sopap.core.sopfile import load

    revisions = {
        r.pk: r
        for r in Revision.objects.filter(status=Status.BERLAKU, document__pd__pemda_id__in=pemda_ids)
        .select_related("document__pd")
        .order_by("pk")
    }
    models = {}
    for pk, revision in revisions.items():
        try:
            models[pk] = load(revision.yaml_text)
        except SopapError:
            continue  # an SOP in force was valid when decreed; a later format change must not break the page
    return [
        [FamilyMember(revision=revisions[m.key], member=m) for m in family.members]
        for family in families(models)
    ]
