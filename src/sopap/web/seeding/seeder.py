"""The seed itself: the Pemda, Perangkat Daerah and accounts of the province, then each PD's SOPs with their
revisions, workflow and edit logs, catalog entries, monitorings and evaluations, in batches of PDs."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from sopap.web.authoring.models import Revision, RevisionEdit, SopDocument
from sopap.web.catalog.models import CatalogEntry, CatalogWord
from sopap.web.catalog.services import WORD_MAX_LENGTH
from sopap.web.catalog.stemmer import index_terms
from sopap.web.monitoring.models import CRITERIA, Evaluation, EvaluationEntry, Monitoring
from sopap.web.organisations.models import (
    AccountEvent,
    Jabatan,
    Membership,
    Pemda,
    PerangkatDaerah,
    Role,
    Unit,
    VerificationStep,
)
from sopap.web.seeding.province import (
    BIDANG,
    KECAMATAN,
    PD_TYPES,
    PEMDA,
    SEKRETARIAT,
    SEKSI,
    nip,
    person_name,
)
from sopap.web.seeding.rows import Rows, reset_sequences
from sopap.web.seeding.variant_texts import (
    EFFECTIVE_DATE,
    NAME_PREFIXES,
    REFERENCE_DATE,
    fill,
    quoted,
    variants,
)
from sopap.web.shared.status import Status
from sopap.web.workflow.models import StepNote, Transition


class SeedRefused(Exception):
    """The database already holds data and appending was not asked for."""


# The password of every seeded account of a role (as in the demo: the role's name after "sopap-").
PASSWORDS = {
    "penyusun": "sopap-penyusun",
    "verifikator1": "sopap-verifikator",
    "verifikator2": "sopap-verifikator",
    "kepala": "sopap-kepala",
    "admin": "sopap-admin",
    "auditor": "sopap-auditor",
    "sekda": "sopap-sekda",
}

FIRST_DAY = dt.date(2019, 1, 2)
BATCH_PDS = 10


@dataclass
class SeedResult:
    pemda: int = 0
    pds: int = 0
    documents: int = 0
    revisions: int = 0
    transitions: int = 0
    edits: int = 0
    entries: int = 0
    monitorings: int = 0
    evaluations: int = 0
    users: int = 0
    seconds: float = 0.0
    usernames: dict[str, str] = field(default_factory=dict)  # role -> one seeded username, to try


def database_is_empty() -> bool:
    return not (
        PerangkatDaerah.objects.exists() or SopDocument.objects.exists() or get_user_model().objects.exists()
    )


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time(rng.randint(8, 15), rng.randrange(60), rng.randrange(60)))
    return timezone.make_aware(local)


@dataclass
class _Pd:
    pd: PerangkatDaerah
    daerah: str
    kepala_daerah: str
    units: list[tuple[Unit, Unit]]  # (top unit, sub unit): every SOP belongs to a sub unit
    chain: list[dict[str, Any]]
    users: dict[str, int]  # penyusun, verifikator1, verifikator2, kepala, admin (the Pemda's)
    kepala_jabatan: str


class _Seeder:
    def __init__(self, *, seed: int, progress: Callable[[str], None]) -> None:
        self.seed = seed
        self.progress = progress
        self.variants = variants(seed)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.result = SeedResult()
        self.hashes = {role: make_password(pw, salt=f"sopapseed{role}") for role, pw in PASSWORDS.items()}
        self.taken_usernames = set(get_user_model().objects.values_list("username", flat=True))
        self.taken_nomor = set(SopDocument.objects.exclude(nomor=None).values_list("nomor", flat=True))
        self.vocabulary = set(CatalogWord.objects.values_list("word", flat=True))
        self.pemda_admins: dict[int, int] = {}
        self._rest_terms: dict[tuple[int, str], tuple[str, str]] = {}
        User = get_user_model()
        self.users = Rows(
            User,
            ["password", "last_login", "is_superuser", "username", "first_name", "last_name", "email",
             "is_staff", "is_active", "date_joined"],
        )  # fmt: skip
        self.memberships = Rows(Membership, ["user", "pemda", "pd", "unit", "jabatan", "role"])
        self.account_events = Rows(AccountEvent, ["action", "actor", "user", "detail", "at"])
        self.documents = Rows(
            SopDocument,
            ["pd", "unit", "lintas_pd", "nomor", "urut", "head", "in_force", "created_by", "created_at"],
        )
        self.revisions = Rows(
            Revision,
            ["document", "number", "yaml_text", "status", "nama", "nomor", "author", "submitted_by", "version",
             "verification_index", "verification_chain", "keputusan_nomor", "keputusan_tanggal",
             "tanggal_berlaku", "created_at", "updated_at"],
        )  # fmt: skip
        self.edits = Rows(RevisionEdit, ["revision", "version", "action", "editor", "at", "yaml_text"])
        self.transitions = Rows(
            Transition,
            ["revision", "action", "from_status", "to_status", "actor", "at", "notes", "verification_step",
             "jabatan"],
        )  # fmt: skip
        self.step_notes = Rows(StepNote, ["transition", "step", "text"])
        self.entries = Rows(
            CatalogEntry,
            ["revision", "document", "pd", "unit", "nama", "nomor", "nama_terms", "body_terms", "body_text",
             "updated_at", "ended_at", "end_reason"],
        )  # fmt: skip
        self.monitorings = Rows(
            Monitoring,
            ["document", "revision", "by", "at", "tanggal", "cara", "penilaian", "catatan", "tindakan"],
        )
        self.evaluations = Rows(
            Evaluation,
            [
                "document",
                "revision",
                "by",
                "at",
                "tahun",
                "answers",
                "catatan",
                "catatan_langkah",
                "rekomendasi",
            ],
        )
        self.evaluation_entries = Rows(
            EvaluationEntry, ["evaluation", "action", "by", "at", "answers", "rekomendasi", "catatan"]
        )
        self.words = Rows(CatalogWord, ["word"])

    # -------------------------------------------------------------------------------- organisation

    def _user(
        self, role_key: str, username: str, full_name: str, actor: int | None, joined: dt.datetime
    ) -> int:
        base, n = username, 2
        while username in self.taken_usernames:
            username, n = f"{base}-{n}", n + 1
        self.taken_usernames.add(username)
        user_id = self.users.add(self.hashes[role_key], None, False, username, full_name[:150], "", "",
                                 False, True, joined)  # fmt: skip
        self.account_events.add("account.created", actor or user_id, user_id, "", joined)
        self.result.users += 1
        self.result.usernames.setdefault(role_key, username)
        return user_id

    def _pemda(self, index: int) -> tuple[Pemda, str, str, str]:
        nama, kode, kepala = PEMDA[index % len(PEMDA)]
        cycle = index // len(PEMDA)
        if cycle:
            nama, kode = f"{nama} {cycle + 1}", f"{kode}{cycle + 1}"
        pemda, created = Pemda.objects.get_or_create(nama=f"Pemerintah {nama}")
        if created:
            self.result.pemda += 1
        if pemda.pk not in self.pemda_admins:
            rng = random.Random(f"{self.seed}:pemda:{index}")
            slug = kode.replace(".", "")
            joined = _moment(FIRST_DAY - dt.timedelta(days=30), rng)
            admin = self._user("admin", f"admin-{slug}", f"{person_name(rng)}", None, joined)
            for role_key, role in (("auditor", Role.AUDITOR), ("sekda", Role.PENGESAH)):
                user = self._user(role_key, f"{role_key}-{slug}", person_name(rng), admin, joined)
                self.memberships.add(user, pemda.pk, None, None, None, role)
            self.memberships.add(admin, pemda.pk, None, None, None, Role.ADMIN)
            self.pemda_admins[pemda.pk] = admin
        return pemda, nama, kode, kepala

    def _pd(self, index: int) -> _Pd:
        per_pemda = len(PD_TYPES) + len(KECAMATAN)
        pemda, daerah, pemda_kode, kepala_daerah = self._pemda(index // per_pemda)
        k = index % per_pemda
        if k < len(PD_TYPES):
            jenis, singkatan, kepala = PD_TYPES[k]
            nama = f"{jenis} {daerah}"
        else:
            kecamatan = KECAMATAN[k - len(PD_TYPES)]
            nama, singkatan, kepala = f"Kecamatan {kecamatan}", f"Kec. {kecamatan}", "Camat"
        rng = random.Random(f"{self.seed}:pd:{index}")
        kode = f"{pemda_kode}.{k + 1:02d}"
        pd = PerangkatDaerah.objects.create(
            pemda=pemda,
            nama=nama,
            singkatan=singkatan,
            kode=kode,
            pola_nomor="{kode_pd}.{kode_unit}.{urut:03}.{tahun}",
            nomor_ulang_tahunan=False,
            kepala_jabatan=f"{kepala} {nama}" if k < len(PD_TYPES) else f"Camat {nama[len('Kecamatan ') :]}",
            kepala_nama=person_name(rng),
            kepala_nip=nip(rng),
        )
        self.result.pds += 1
        sekretariat = Unit.objects.create(pd=pd, nama="Sekretariat", kode="01", urutan=1)
        subs = [
            Unit(pd=pd, parent=sekretariat, nama=n, urutan=i + 1) for i, (n, _a) in enumerate(SEKRETARIAT)
        ]
        bidang_names = rng.sample(BIDANG, 3)
        bidang = Unit.objects.bulk_create(
            [
                Unit(pd=pd, nama=f"Bidang {n}", kode=f"{i + 2:02d}", urutan=i + 2)
                for i, n in enumerate(bidang_names)
            ]
        )
        for top in bidang:
            subs += [
                Unit(pd=pd, parent=top, nama=f"Seksi {s}", urutan=j + 1)
                for j, s in enumerate(rng.sample(SEKSI, 2))
            ]
        subs = Unit.objects.bulk_create(subs)
        tops = {u.pk: u for u in [sekretariat, *bidang]}
        units = [(tops[u.parent_id or 0], u) for u in subs]
        pep = next(u for u in subs if u.nama.startswith("Sub Bagian Program"))
        jabatan = Jabatan.objects.bulk_create(
            [
                Jabatan(pd=pd, nama=pd.kepala_jabatan, alias=["Kepala OPD", "Kepala Perangkat Daerah"]),
                Jabatan(pd=pd, unit=sekretariat, nama="Sekretaris"),
                *(Jabatan(pd=pd, unit=u, nama=f"Kepala {u.nama}", alias=[a]) for u, (_n, a) in
                  zip(subs[:3], SEKRETARIAT, strict=True)),
                *(Jabatan(pd=pd, unit=b, nama=f"Kepala {b.nama}") for b in bidang),
            ]
        )  # fmt: skip
        by_name = {j.nama: j for j in jabatan}
        chain_jabatan = [by_name[f"Kepala {pep.nama}"], by_name["Sekretaris"]]
        VerificationStep.objects.bulk_create(
            [VerificationStep(pd=pd, urutan=i + 1, jabatan=j) for i, j in enumerate(chain_jabatan)]
        )
        chain = [
            {"urutan": i + 1, "jabatan_id": j.pk, "jabatan": j.nama} for i, j in enumerate(chain_jabatan)
        ]
        admin = self.pemda_admins[pemda.pk]
        joined = _moment(FIRST_DAY - dt.timedelta(days=rng.randrange(1, 30)), rng)
        slug = kode.replace(".", "")
        users = {"admin": admin}
        users["penyusun"] = self._user("penyusun", f"penyusun-{slug}", person_name(rng), admin, joined)
        self.memberships.add(users["penyusun"], pemda.pk, pd.pk, pep.pk, None, Role.PENYUSUN)
        for i, j in enumerate(chain_jabatan):
            key = f"verifikator{i + 1}"
            users[key] = self._user(key, f"{key}-{slug}", person_name(rng), admin, joined)
            self.memberships.add(users[key], pemda.pk, pd.pk, j.unit_id, j.pk, Role.VERIFIKATOR)
        users["kepala"] = self._user("kepala", f"kepala-{slug}", pd.kepala_nama, admin, joined)
        self.memberships.add(users["kepala"], pemda.pk, pd.pk, None, jabatan[0].pk, Role.PENGESAH)
        return _Pd(pd, daerah, kepala_daerah, units, chain, users, pd.kepala_jabatan)

    # ------------------------------------------------------------------------------------------ SOPs

    def _rest(self, v: int, org: _Pd) -> tuple[str, str]:
        key = (v, org.daerah)
        if key not in self._rest_terms:
            text = (
                self.variants[v].rest.replace("ZZKDZZ", org.kepala_daerah).replace("ZZDAERAHZZ", org.daerah)
            )
            self._rest_terms[key] = (text, index_terms(text))
        return self._rest_terms[key]

    def _sops(self, org: _Pd, count: int) -> None:
        pd = org.pd
        rng = random.Random(f"{self.seed}:sops:{pd.kode}")
        names: set[str] = set()
        urut = 0
        for _ in range(count):
            v = rng.randrange(len(self.variants))
            variant = self.variants[v]
            top, sub = rng.choice(org.units)
            nama = f"{rng.choice(NAME_PREFIXES)} {variant.topic}"
            if nama in names:
                nama = f"{nama} pada {sub.nama}"
            n = 2
            while nama in names:
                nama, n = f"{nama.rsplit(' Tahap ', 1)[0]} Tahap {n}", n + 1
            names.add(nama)
            plan = _plan(rng)
            decreed = any(_STEPS_TO[s] >= 5 for s in plan)
            nomor = None
            if decreed:
                urut += 1
                nomor = f"{pd.kode}.{top.kode}.{urut:03d}.{2019 + (urut % 6)}"
                while nomor in self.taken_nomor:
                    urut += 1
                    nomor = f"{pd.kode}.{top.kode}.{urut:03d}.{2019 + (urut % 6)}"
                self.taken_nomor.add(nomor)
            self._document(org, rng, variant=v, unit=(top, sub), nama=nama, plan=plan,
                           nomor=nomor, urut=urut if nomor else None)  # fmt: skip

    def _document(
        self,
        org: _Pd,
        rng: random.Random,
        *,
        variant: int,
        unit: tuple[Unit, Unit],
        nama: str,
        plan: list[str],
        nomor: str | None,
        urut: int | None,
    ) -> None:
        pd, users = org.pd, org.users
        top, sub = unit
        span = max(1, (self.today - FIRST_DAY).days - 120)
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        created = _moment(day, rng)
        document_id = self.documents.next_id
        values = {
            "ZZNAMAZZ": quoted(nama),
            "ZZPEMERINTAHZZ": quoted(pd.pemda.nama),
            "ZZINSTANSIZZ": quoted(pd.nama),
            "ZZUNIT1ZZ": quoted(top.nama),
            "ZZUNIT2ZZ": quoted(sub.nama),
            "ZZKDZZ": org.kepala_daerah,
            "ZZDAERAHZZ": org.daerah,
            "ZZSJABZZ": quoted(org.kepala_jabatan),
            "ZZSNAMAZZ": quoted(pd.kepala_nama),
            "ZZSNIPZZ": quoted(pd.kepala_nip),
            "ZZNOMORZZ": quoted(nomor or ""),
        }
        v = self.variants[variant]
        head = in_force = None
        previous_in_force: int | None = None
        for number, status in enumerate(plan, start=1):
            made = day.isoformat()
            text = fill(v.draft, values).replace(str(REFERENCE_DATE), made)
            moments = [_moment(day + dt.timedelta(days=i * rng.randint(2, 9)), rng) for i in range(10)]
            ordered = sorted(moments)
            steps = _STEPS_TO[status]
            version = 1 + (steps >= 4) + (steps >= 5)
            final_text = text
            keputusan_nomor, keputusan_tanggal, berlaku = "", None, None
            if steps >= 4:
                final_text = fill(v.signed, values).replace(str(REFERENCE_DATE), made)
            if steps >= 5:
                keputusan_tanggal = ordered[5].date()
                berlaku = keputusan_tanggal
                if status == Status.DITETAPKAN:
                    # Decreed, in force on a date still to come (`berlakukan_terjadwal` puts it in force then).
                    berlaku = self.today + dt.timedelta(days=rng.randint(1, 60))
                keputusan_nomor = (
                    f"{rng.randint(100, 999)}/Kep.{rng.randint(10, 400)}-Huk/{keputusan_tanggal.year}"
                )
                final_text = (
                    fill(v.decreed, values)
                    .replace(str(REFERENCE_DATE), made)
                    .replace(str(EFFECTIVE_DATE), berlaku.isoformat())
                )
            last = ordered[min(steps, 9)]
            revision_id = self.revisions.add(
                document_id, number, final_text, status, nama[:500], (nomor or "") if steps >= 5 else "",
                users["penyusun"], users["penyusun"] if steps >= 1 else None, version,
                min(max(steps - 1, 0), 2) if steps >= 1 else 0, org.chain if steps >= 1 else [],
                keputusan_nomor, keputusan_tanggal, berlaku, ordered[0], last,
            )  # fmt: skip
            self.result.revisions += 1
            self.edits.add(revision_id, 1, RevisionEdit.Action.OPENED if number > 1 else RevisionEdit.Action.CREATED,
                           users["penyusun"], ordered[0], text)  # fmt: skip
            if number > 1:
                self.transitions.add(revision_id, "sop.review.opened", Status.BERLAKU, Status.DRAF, users["penyusun"],
                                     ordered[0], f"Kaji ulang revisi {number - 1}", None, "")  # fmt: skip
            if steps >= 4:
                self.edits.add(revision_id, 2, RevisionEdit.Action.SIGNED, users["kepala"], ordered[4],
                               fill(v.signed, values).replace(str(REFERENCE_DATE), made))  # fmt: skip
            if steps >= 5:
                self.edits.add(
                    revision_id, 3, RevisionEdit.Action.NUMBERED, users["admin"], ordered[5], final_text
                )
            self.result.edits += 1 + (steps >= 4) + (steps >= 5)
            self._log(org, rng, revision_id, status, steps, ordered, keputusan_nomor, v.steps)
            if status in _ONCE_IN_FORCE:
                ended = ordered[7] if status != Status.BERLAKU else None
                if previous_in_force is not None:
                    # The previous revision was replaced when this one came into force.
                    self.transitions.add(previous_in_force, "sop.superseded", Status.BERLAKU, Status.DIGANTIKAN,
                                         users["admin"], ordered[6], f"Digantikan revisi {number}", None, "")  # fmt: skip
                self._entry(
                    org, revision_id, document_id, unit, nama, nomor or "", variant, status, ordered[6], ended
                )
                previous_in_force = revision_id
                if status == Status.BERLAKU:
                    in_force = revision_id
            head = revision_id
            day = ordered[-1].date() + dt.timedelta(days=rng.randint(30, 400))
            if day >= self.today:
                day = self.today - dt.timedelta(days=1)
        self.documents.add(pd.pk, sub.pk, False, nomor, urut, head, in_force, users["penyusun"], created)
        self.result.documents += 1
        if in_force is not None:
            self._monitor(org, rng, document_id, in_force)

    def _log(
        self,
        org: _Pd,
        rng: random.Random,
        revision: int,
        status: str,
        steps: int,
        at: list[dt.datetime],
        keputusan_nomor: str,
        step_count: int,
    ) -> None:
        users, chain = org.users, org.chain
        add = self.transitions.add
        # Some drafts were submitted once and returned by the first verifier with a note on a step: back in the
        # drafter's inbox.
        returned_once = status == Status.DRAF and steps == 0 and rng.random() < 0.3
        if returned_once or steps >= 1:
            add(
                revision,
                "sop.submitted",
                Status.DRAF,
                Status.DIAJUKAN,
                users["penyusun"],
                at[1],
                "",
                None,
                "",
            )
        if returned_once:
            returned = add(revision, "sop.verification.returned", Status.DIAJUKAN, Status.DRAF, users["verifikator1"],
                           at[2], "Mohon dilengkapi sebelum diajukan kembali.", 1, chain[0]["jabatan"])  # fmt: skip
            self.step_notes.add(
                returned, rng.randint(1, step_count), "Kelengkapan dan waktu langkah ini belum sesuai."
            )
            return
        for i in range(min(max(steps - 1, 0), 2)):
            add(revision, "sop.verification.approved", Status.DIAJUKAN, Status.DIAJUKAN, users[f"verifikator{i + 1}"],
                at[2] + dt.timedelta(hours=i), "", chain[i]["urutan"], chain[i]["jabatan"])  # fmt: skip
        if steps >= 3:
            add(revision, "sop.trial.started", Status.DIAJUKAN, Status.UJI_COBA, users["verifikator2"],
                at[2] + dt.timedelta(hours=1), "", None, "")  # fmt: skip
        if steps >= 4:
            add(
                revision,
                "sop.approved",
                Status.UJI_COBA,
                Status.DISAHKAN,
                users["kepala"],
                at[4],
                "",
                None,
                "",
            )
        if steps >= 5:
            add(revision, "sop.decreed", Status.DISAHKAN, Status.DITETAPKAN, users["admin"], at[5],
                f"Keputusan {keputusan_nomor}", None, "")  # fmt: skip
        if steps >= 6:
            add(
                revision,
                "sop.in_force",
                Status.DITETAPKAN,
                Status.BERLAKU,
                users["admin"],
                at[6],
                "",
                None,
                "",
            )
        if status == Status.DICABUT:
            add(
                revision,
                "sop.withdrawn",
                Status.BERLAKU,
                Status.DICABUT,
                users["admin"],
                at[7],
                WITHDRAWN,
                None,
                "",
            )
        self.result.transitions = self.transitions.total + len(self.transitions.rows)

    def _entry(
        self,
        org: _Pd,
        revision: int,
        document: int,
        unit: tuple[Unit, Unit],
        nama: str,
        nomor: str,
        variant: int,
        status: str,
        since: dt.datetime,
        ended: dt.datetime | None,
    ) -> None:
        top, sub = unit
        if status != Status.BERLAKU:
            reason = WITHDRAWN if status == Status.DICABUT else ""
            self.entries.add(
                revision, document, org.pd.pk, sub.pk, nama[:500], nomor, "", "", "", ended, ended, reason
            )
            return
        rest_text, rest_terms = self._rest(variant, org)
        identity = "\n".join([nomor, org.pd.nama, top.nama, sub.nama])
        body = f"{identity}\n{rest_text}" if rest_text else identity
        body_terms = " ".join(t for t in (index_terms(identity), rest_terms) if t)
        nama_terms = index_terms(nama)
        self.entries.add(revision, document, org.pd.pk, sub.pk, nama[:500], nomor, nama_terms, body_terms, body, since,
                         None, "")  # fmt: skip
        for word in f"{nama_terms} {body_terms}".split():
            if word not in self.vocabulary and len(word) <= WORD_MAX_LENGTH:
                self.vocabulary.add(word)
                self.words.add(word)
        self.result.entries += 1

    def _monitor(self, org: _Pd, rng: random.Random, document: int, revision: int) -> None:
        users = org.users
        if rng.random() < 0.35:
            semester_start = dt.date(self.today.year, 1 if self.today.month <= 6 else 7, 1)
            for _ in range(rng.randint(1, 3)):
                tanggal = semester_start + dt.timedelta(
                    days=rng.randrange(max(1, (self.today - semester_start).days + 1))
                )
                well = rng.random() < 0.75
                self.monitorings.add(
                    document, revision, users[rng.choice(["verifikator1", "verifikator2", "kepala"])],
                    _moment(tanggal, rng), tanggal, rng.choice(["observasi", "wawancara", "diskusi"]),
                    "baik" if well else "tidak_baik",
                    rng.choice(MONITORING_NOTES_GOOD if well else MONITORING_NOTES_BAD),
                    "" if well else rng.choice(ACTIONS),
                )  # fmt: skip
                self.result.monitorings += 1
        if rng.random() < 0.2:
            answers = {key: rng.random() < 0.85 for key, _label in CRITERIA}
            rekomendasi = "tetap" if all(answers.values()) else rng.choice(["tetap", "disempurnakan"])
            at = _moment(dt.date(self.today.year - 1, 12, rng.randint(1, 20)), rng)
            note = "Evaluasi tahunan: SOP diterapkan dan dipahami pelaksana."
            evaluation = self.evaluations.add(document, revision, users["kepala"], at, self.today.year - 1, answers,
                                              note, {}, rekomendasi)  # fmt: skip
            self.evaluation_entries.add(evaluation, "evaluation.recorded", users["kepala"], at, answers, rekomendasi,
                                        note)  # fmt: skip
            self.result.evaluations += 1

    # ------------------------------------------------------------------------------------------ run

    def tables(self) -> list[Rows]:
        # In the order the foreign keys need (they are checked at commit, but a reader of a batch's rows
        # should never see a dangling key either).
        return [self.users, self.account_events, self.memberships, self.documents, self.revisions, self.edits,
                self.transitions, self.step_notes, self.entries, self.words, self.monitorings, self.evaluations,
                self.evaluation_entries]  # fmt: skip

    def run(self, *, pds: int, sop_per_pd: int) -> SeedResult:
        start = time.monotonic()
        first = PerangkatDaerah.objects.count()
        for batch_start in range(0, pds, BATCH_PDS):
            with transaction.atomic():
                for i in range(batch_start, min(pds, batch_start + BATCH_PDS)):
                    org = self._pd(first + i)
                    self._sops(org, sop_per_pd)
                for table in self.tables():
                    table.flush()
            done = min(pds, batch_start + BATCH_PDS)
            elapsed = time.monotonic() - start
            self.progress(
                f"{done}/{pds} PD, {self.result.documents} SOP, {self.result.revisions} revisi, "
                f"{self.transitions.total} riwayat alur — {elapsed:.0f} s"
            )
        reset_sequences(
            [t.model for t in self.tables()] + [PerangkatDaerah, Unit, Jabatan, VerificationStep, Pemda]
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in self.tables():
                    cursor.execute(f"ANALYZE {table.model._meta.db_table}")
        self.result.transitions = self.transitions.total
        self.result.seconds = time.monotonic() - start
        return self.result


WITHDRAWN = "Dicabut karena tugas dan fungsi dialihkan ke perangkat daerah lain."
MONITORING_NOTES_GOOD = [
    "Langkah dijalankan sesuai urutan dan waktu.",
    "Pelaksana memahami perannya masing-masing.",
    "Dokumen kelengkapan tersedia dan tercatat.",
]
MONITORING_NOTES_BAD = [
    "Dokumen dari bidang sering terlambat diterima.",
    "Waktu pemeriksaan melebihi mutu baku.",
    "Pelaksana belum seluruhnya memahami alur.",
]
ACTIONS = [
    "Batas waktu pengiriman dicantumkan dalam surat edaran.",
    "Sosialisasi ulang SOP kepada pelaksana.",
    "Mutu baku waktu ditinjau pada kaji ulang berikutnya.",
]

# How far each final status got along the chain: 0 draft, 1 submitted, 3 in trial (both verifiers), 4
# signed, 5 decreed, 6 in force; replaced and withdrawn ones were in force first.
_STEPS_TO: dict[str, int] = {
    Status.DRAF: 0,
    Status.DIAJUKAN: 1,
    Status.UJI_COBA: 3,
    Status.DISAHKAN: 4,
    Status.DITETAPKAN: 5,
    Status.BERLAKU: 6,
    Status.DIGANTIKAN: 6,
    Status.DICABUT: 6,
}
_ONCE_IN_FORCE = {Status.BERLAKU, Status.DIGANTIKAN, Status.DICABUT}


def _plan(rng: random.Random) -> list[str]:
    """The statuses of an SOP's revisions, oldest first."""
    r = rng.random()
    if r < 0.42:
        return [Status.BERLAKU]
    if r < 0.60:
        return [Status.DIGANTIKAN, Status.BERLAKU]
    if r < 0.66:
        return [Status.DIGANTIKAN, Status.DIGANTIKAN, Status.BERLAKU]
    if r < 0.74:
        return [Status.BERLAKU, rng.choice([Status.DRAF, Status.DIAJUKAN, Status.UJI_COBA])]
    if r < 0.80:
        return [Status.DICABUT] if rng.random() < 0.6 else [Status.DIGANTIKAN, Status.DICABUT]
    return [rng.choice([Status.DRAF, Status.DRAF, Status.DRAF, Status.DIAJUKAN, Status.UJI_COBA,
                        Status.DISAHKAN, Status.DITETAPKAN])]  # fmt: skip


def seed(
    *,
    pds: int,
    sop_per_pd: int,
    append: bool = False,
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
) -> SeedResult:
    """Seed ``pds`` Perangkat Daerah of ``sop_per_pd`` SOPs each; refuses a database that holds data unless
    ``append``."""
    if not append and not database_is_empty():
        raise SeedRefused
    start = time.monotonic()
    result = _Seeder(seed=seed, progress=progress or (lambda _line: None)).run(pds=pds, sop_per_pd=sop_per_pd)
    result.seconds = time.monotonic() - start
    return result
