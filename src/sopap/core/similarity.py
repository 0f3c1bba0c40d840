"""SOPs that should be one (Perwali Serang 50/2017 Pasal 3 (4), keselarasan): families of SOPs that follow
the same flow and differ mostly by the document they are about.

Two SOPs are compared step by step, as a person lays them side by side: the steps are aligned in order
(a step may be missing on either side), and two aligned steps are alike when the same actor does the same
kind of step (a decision or not) with the same words. The words of an SOP's own name ("RENJA", "LKjIP")
count as one word, so "Menyusun draf RENJA" and "Menyusun draf LKjIP" are the same step. SOPs alike at
:data:`FAMILY_SIMILARITY` or more are in one family (linked through any member).

Pure: takes SOP models under keys of the caller's choosing (paths, database ids) and returns families.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Generic, TypeVar

from sopap.core.model import SOP

K = TypeVar("K", bound=Hashable)

# Alike enough to be one SOP: on the Serang examples the ten planning and reporting SOPs are 0.57-0.97
# alike and no other pair passes 0.40.
FAMILY_SIMILARITY = 0.6
# Steps this alike are "the same step"; below it the step is listed as what differs.
SAME_STEP = 0.9

# Words of an SOP's name that say what kind of procedure it is, not which document it is about.
_GENERIC_NAME_WORDS = frozenset(
    [
        "mekanisme",
        "penyusunan",
        "prosedur",
        "sop",
        "pembuatan",
        "laporan",
        "dokumen",
        "standar",
        "operasional",
        "pengajuan",
        "pelaksanaan",
        "tata",
        "cara",
        "penyelenggaraan",
        "pengelolaan",
        "permohonan",
        "pelayanan",
        "penerbitan",
        "kegiatan",
        "bahan",
    ]
)
_STOP_WORDS = frozenset(
    [
        "dan",
        "atau",
        "yang",
        "untuk",
        "di",
        "ke",
        "dari",
        "oleh",
        "dengan",
        "pada",
        "dalam",
        "sebagai",
        "serta",
        "kepada",
        "ini",
        "itu",
        "tersebut",
    ]
)
_WORD = re.compile(r"[^\W_]+")
# "MenyampaikanLKjIP" as typed without its space: a lower-case letter followed by a capital starts a word.
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")
NAME = "‹nama›"  # the name's own words in a step, as one word

# Weights of what makes two aligned steps alike; the words weigh most.
_ACTOR_WEIGHT, _KIND_WEIGHT, _WORDS_WEIGHT = 0.2, 0.1, 0.7
# A pair is compared step by step only when their words overlap this much (Jaccard of all their words):
# two SOPs of one family share most of their words, so this skips the pairs that cannot be alike.
_CANDIDATE_OVERLAP = 0.3


@dataclass(frozen=True)
class _Step:
    actor: str
    decision: bool
    words: frozenset[str]
    text: str


@dataclass(frozen=True)
class _Shape:
    steps: tuple[_Step, ...]
    name_words: tuple[str, ...]  # as written in the name
    words: frozenset[str]


@dataclass(frozen=True)
class StepDifference:
    """A step of a member whose counterpart in the family's central SOP is worded otherwise (or absent)."""

    nomor: int  # the step's number in the member
    kegiatan: str
    only_here: tuple[str, ...]  # words of this step not in its counterpart
    only_there: tuple[str, ...]  # words of the counterpart not in this step
    counterpart: int | None  # the counterpart's step number in the central SOP, None when there is none


@dataclass(frozen=True)
class Member(Generic[K]):
    key: K
    similarity: float  # to the family's central SOP (1.0 for the central SOP itself)
    name_words: tuple[str, ...]  # what its name says that the others' do not, e.g. ("RENJA",)
    differences: tuple[StepDifference, ...]


@dataclass(frozen=True)
class Family(Generic[K]):
    central: K  # the member most alike to all the others: the one to compare with
    members: tuple[Member[K], ...]  # the central one first, then the most alike first


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(_GLUED.sub(" ", text).casefold()) if w not in _STOP_WORDS]


def _shape(sop: SOP) -> _Shape:
    name = [w for w in _WORD.findall(sop.nama) if w.casefold() not in _GENERIC_NAME_WORDS | _STOP_WORDS]
    own = {w for w in _words(" ".join(name)) if not w.isdigit()}
    steps = tuple(
        _Step(
            actor=" ".join(_words(" ".join(step.pelaksana))),
            decision=step.keputusan is not None,
            words=frozenset(NAME if w in own else w for w in _words(step.kegiatan)),
            text=step.kegiatan,
        )
        for step in sop.langkah
    )
    return _Shape(
        steps=steps,
        name_words=tuple(w for w in name if not w.isdigit()),
        words=frozenset(w for s in steps for w in s.words),
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def _step_similarity(a: _Step, b: _Step) -> float:
    return (
        _ACTOR_WEIGHT * (a.actor == b.actor)
        + _KIND_WEIGHT * (a.decision == b.decision)
        + _WORDS_WEIGHT * _jaccard(a.words, b.words)
    )


def _alignment(a: tuple[_Step, ...], b: tuple[_Step, ...]) -> tuple[float, dict[int, int]]:
    """The order-keeping alignment of two procedures with the most alike steps: its score in 0..1 (1: the
    same procedure) and which step of ``a`` faces which step of ``b``."""
    n, m = len(a), len(b)
    if not n or not m:
        return (1.0 if n == m else 0.0), {}
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above = best[i], best[i - 1]
        for k in range(1, m + 1):
            row[k] = max(above[k], row[k - 1], above[k - 1] + _step_similarity(a[i - 1], b[k - 1]))
    pairs: dict[int, int] = {}
    i, k = n, m
    while i and k:
        if best[i][k] == best[i - 1][k]:
            i -= 1
        elif best[i][k] == best[i][k - 1]:
            k -= 1
        else:
            pairs[i - 1] = k - 1
            i, k = i - 1, k - 1
    return 2 * best[n][m] / (n + m), pairs


def similarity(a: SOP, b: SOP) -> float:
    """How alike two procedures are, 0 to 1."""
    return _alignment(_shape(a).steps, _shape(b).steps)[0]


def _candidates(shapes: Mapping[K, _Shape]) -> Iterable[tuple[K, K]]:
    """Pairs that share enough words to be worth aligning, found through the words they share rather than
    by trying every pair."""
    keys = list(shapes)
    frequency = Counter(w for s in shapes.values() for w in s.words)
    # Words in almost every SOP ("surat", "kepala") tell nothing apart and would make every pair a candidate.
    common = max(10, len(keys) // 4)
    holders: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        for word in shapes[key].words:
            if frequency[word] <= common:
                holders[word].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for members in holders.values():
        shared.update(combinations(members, 2))
    for (i, j), _count in shared.items():
        a, b = shapes[keys[i]], shapes[keys[j]]
        if _jaccard(a.words, b.words) >= _CANDIDATE_OVERLAP:
            yield keys[i], keys[j]


def families(sops: Mapping[K, SOP], *, threshold: float = FAMILY_SIMILARITY) -> list[Family[K]]:
    """The families of two or more SOPs among ``sops``, the largest first."""
    shapes = {key: _shape(sop) for key, sop in sops.items()}
    alike: dict[frozenset[K], float] = {}
    parent: dict[K, K] = {key: key for key in shapes}

    def root(key: K) -> K:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in _candidates(shapes):
        score = _alignment(shapes[a].steps, shapes[b].steps)[0]
        alike[frozenset((a, b))] = score
        if score >= threshold:
            parent[root(a)] = root(b)
    groups: dict[K, list[K]] = defaultdict(list)
    for key in shapes:
        groups[root(key)].append(key)
    found = [_family(members, shapes, alike) for members in groups.values() if len(members) > 1]
    return sorted(found, key=lambda f: (-len(f.members), str(f.central)))


def _family(keys: list[K], shapes: Mapping[K, _Shape], alike: dict[frozenset[K], float]) -> Family[K]:
    def score(a: K, b: K) -> float:
        pair = frozenset((a, b))
        if pair not in alike:
            alike[pair] = _alignment(shapes[a].steps, shapes[b].steps)[0]
        return alike[pair]

    central = max(keys, key=lambda k: (sum(score(k, o) for o in keys if o != k), str(k)))
    name_counts = Counter(w.casefold() for k in keys for w in set(shapes[k].name_words))
    members = []
    for key in keys:
        own_name = tuple(w for w in shapes[key].name_words if name_counts[w.casefold()] < len(keys))
        if key == central:
            members.append(Member(key=key, similarity=1.0, name_words=own_name, differences=()))
            continue
        value, pairs = _alignment(shapes[key].steps, shapes[central].steps)
        members.append(
            Member(
                key=key,
                similarity=round(value, 2),
                name_words=own_name,
                differences=_differences(shapes[key], shapes[central], pairs),
            )
        )
    members.sort(key=lambda m: (m.key != central, -m.similarity, str(m.key)))
    return Family(central=central, members=tuple(members))


def _differences(member: _Shape, central: _Shape, pairs: dict[int, int]) -> tuple[StepDifference, ...]:
    out = []
    for index, step in enumerate(member.steps):
        facing = pairs.get(index)
        other = central.steps[facing] if facing is not None else None
        if other is not None and _step_similarity(step, other) >= SAME_STEP:
            continue
        there = other.words if other is not None else frozenset()
        out.append(
            StepDifference(
                nomor=index + 1,
                kegiatan=step.text,
                only_here=tuple(sorted(step.words - there)),
                only_there=tuple(sorted(there - step.words)),
                counterpart=facing + 1 if facing is not None else None,
            )
        )
    return tuple(out)
