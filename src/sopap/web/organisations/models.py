# ruff: noqa: RUF012  (Django reads Meta options and migration operations as plain lists)
"""Pemerintah Daerah -> Perangkat Daerah -> Unit tree, Jabatan, and who holds which role where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Pemda(models.Model):
    """A Pemerintah Daerah (Kota/Kabupaten/Provinsi)."""

    nama = models.CharField(_("nama"), max_length=200, unique=True)
    # Checked by sopap.core.logo and stored under the SHA-256 of what was checked (services.logo_set), so a
    # decreed SOP that printed an earlier logo still finds it after a new one is uploaded.
    logo = models.FileField(_("logo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")

    def __str__(self) -> str:
        return self.nama


class PerangkatDaerah(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="perangkat_daerah")
    nama = models.CharField(_("nama"), max_length=300)
    singkatan = models.CharField(_("singkatan"), max_length=60, blank=True)
    kode = models.CharField(_("kode"), max_length=30, blank=True)
    pola_nomor = models.CharField(
        _("pola nomor SOP"),
        max_length=200,
        blank=True,
        help_text=_("Contoh: {kode_pd}.{kode_unit}.{urut:02}.{tahun} atau 800/DKISP/{urut}/{tahun}"),
    )
    # Where the pattern has {tahun}, the counter starts again at 1 each year (12.01.01.2026 after
    # 12.01.41.2025); off, it goes on across the years. Without {tahun} in the pattern it always goes on.
    nomor_ulang_tahunan = models.BooleanField(
        _("nomor urut diulang setiap tahun"),
        default=True,
        help_text=_("Berlaku bila pola nomor memuat {tahun}."),
    )
    # Perwali Serang 50/2017 Pasal 18 (3): a verified draft is tried out before it is approved. On for a new
    # PD; the migration leaves existing ones off, so that an upgrade does not stop approvals already under way.
    uji_coba_wajib = models.BooleanField(
        _("uji coba wajib sebelum pengesahan"),
        default=True,
        help_text=_("SOP baru dapat disahkan setelah uji cobanya dicatat dengan hasil lanjut."),
    )
    kepala_jabatan = models.CharField(_("jabatan kepala"), max_length=300, blank=True)
    kepala_nama = models.CharField(_("nama kepala"), max_length=200, blank=True)
    kepala_nip = models.CharField(_("NIP kepala"), max_length=40, blank=True)
    logo = models.FileField(_("logo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["nama"]
        constraints = [models.UniqueConstraint(fields=["pemda", "nama"], name="pd_unique_name")]

    def __str__(self) -> str:
        return self.singkatan or self.nama


class Unit(models.Model):
    """Sekretariat, Bidang, and below them Sub Bagian / Seksi."""

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    nama = models.CharField(_("nama"), max_length=300)
    kode = models.CharField(_("kode"), max_length=30, blank=True)
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["urutan", "id"]
        constraints = [models.UniqueConstraint(fields=["pd", "parent", "nama"], name="unit_unique_name")]

    def __str__(self) -> str:
        return self.nama

    def path(self) -> list[Unit]:
        """This unit and its ancestors, top down."""
        chain: list[Unit] = []
        node: Unit | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def path_names(self) -> list[str]:
        return [u.nama for u in self.path()]

    @property
    def label(self) -> str:
        return " › ".join(self.path_names)

    @property
    def kode_path(self) -> str:
        """The code used in SOP numbers: the nearest code going up (a Sub Bagian uses its Sekretariat's)."""
        for unit in reversed(self.path()):
            if unit.kode:
                return unit.kode
        return ""


class Jabatan(models.Model):
    """A position that SOP steps name as their actor (pelaksana)."""

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="jabatan")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="jabatan")
    nama = models.CharField(_("nama"), max_length=300)
    alias = models.JSONField(_("nama lain"), default=list, blank=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["pd", "nama"], name="jabatan_unique_name")]

    def __str__(self) -> str:
        return self.nama


class Role(models.TextChoices):
    PENYUSUN = "penyusun", _("Penyusun")
    VERIFIKATOR = "verifikator", _("Verifikator")
    PENGESAH = "pengesah", _("Pengesah")
    ADMIN = "admin_organisasi", _("Admin Organisasi")
    AUDITOR = "auditor", _("Auditor")
    # Perwali Serang 50/2017 Pasal 22: every officer of the PD is told of its SOPs, not only those who write,
    # verify or approve them. A pegawai reads the PD's SOPs and confirms those their position acts in.
    PEGAWAI = "pegawai", _("Pegawai (pelaksana SOP)")


class Membership(models.Model):
    """A user holds a role in a Perangkat Daerah (or across the Pemda when ``pd`` is empty).

    Pemda-wide roles: admin organisasi (Bagian Organisasi Setda), auditor, and pengesah for the
    Sekretaris Daerah, who approves SOPs spanning several Perangkat Daerah.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="memberships")
    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    # A position the PD's list lacks (a staff post an SOP names, say), written as the account holds it.
    # The database's default too, so that rows written in bulk without it (`sopap seed`) are valid.
    jabatan_lain = models.CharField(_("jabatan lain"), max_length=300, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "pemda", "pd", "role", "jabatan"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.pd or self.pemda}"

    @property
    def position_names(self) -> list[str]:
        """Every name this membership's position goes by: the PD's position with its other names, and the
        position written by hand."""
        names = [self.jabatan.nama, *(self.jabatan.alias or [])] if self.jabatan is not None else []
        return [*names, self.jabatan_lain] if self.jabatan_lain.strip() else names


class VerificationStep(models.Model):
    """One link of a Perangkat Daerah's verification chain: the position that verifies at this step."""

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="verification_steps")
    urutan = models.PositiveIntegerField(_("urutan"))
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("tahap verifikasi")
        verbose_name_plural = _("tahap verifikasi")
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["pd", "urutan"], name="verification_step_unique")]

    def __str__(self) -> str:
        return f"{self.urutan}. {self.jabatan}"


class AccountEvent(models.Model):
    """Every change the admin organisasi makes to an account, with a dotted action code, who and when:
    account.created, account.role_added, account.role_removed, account.activated, account.deactivated,
    account.password_reset, account.unlocked, account.contact_changed (e-mail or NIP, by either); the changes a
    user makes to their own account, account.password_changed, account.token.created, account.token.revoked,
    account.digest_on, account.digest_off; and account.imported, the first
    admin loaded by `sopap org-import` (its own actor: nobody is logged in at the command line)."""

    action = models.CharField(_("tindakan"), max_length=40, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="account_events"
    )
    detail = models.CharField(_("keterangan"), max_length=500, blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riwayat akun")
        verbose_name_plural = _("riwayat akun")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.user} by {self.actor}"


class PdEvent(models.Model):
    """Every change to how a Perangkat Daerah numbers and verifies its SOPs, with a dotted action code, who,
        when and the value before and after: pd.numbering_changed, pd.chain_changed, the logos and the signing
    certificates (pd.certificate_uploaded, _replaced, _removed; pemda.certificate_*). Append-only."""

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("tindakan"), max_length=40, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    before = models.TextField(_("sebelumnya"), blank=True)
    after = models.TextField(_("sesudahnya"), blank=True)
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riwayat pengaturan perangkat daerah")
        verbose_name_plural = _("riwayat pengaturan perangkat daerah")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.pd} by {self.actor}"


class ApiToken(models.Model):
    """A personal token for the JSON API (`Authorization: Bearer ...`), made and revoked by its owner on their
    account page. Only the SHA-256 of the token is stored: the token itself is shown once, when it is made,
    and a copy of the database gives nobody a way in. A revoked token keeps its row (when, by whom) and is
    refused."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("nama token"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the token, so that its owner can tell their tokens apart on the page.
    prefix = models.CharField(max_length=16)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Profile(models.Model):
    """What an account holds beside Django's user (whose ``email`` is the account's e-mail address): the NIP,
    the language its mail is written in, and whether it wants the daily digest of what is due. An account
    without a row has none of them and the digest on, as the defaults say."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    # Nomor Induk Pegawai: 18 digits, given by BKN once per person for the whole country, so no two accounts
    # share one (of any Pemda: a person who moves keeps theirs). Empty for those who have none.
    nip = models.CharField(_("NIP"), max_length=18, blank=True, default="")
    bahasa = models.CharField(
        _("bahasa surel"),
        max_length=10,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        default="id",
    )
    ringkasan_harian = models.BooleanField(_("ringkasan harian lewat surel"), default=True)

    class Meta:
        verbose_name = _("profil akun")
        verbose_name_plural = _("profil akun")
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~models.Q(nip=""), name="profile_nip_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.nip}".strip()


class SigningCertificate(models.Model):
    """The PKCS#12 certificate a PD (or, with ``pd`` empty, its Pemda) signs its official PDFs, its book
    and its Keputusan with, uploaded by the admin organisasi (`organisations.certificates`). The file and
    its passphrase are kept encrypted (Fernet, a key derived from SOPAP_SERTIFIKAT_KUNCI or else the secret
    key); what the page shows — subject, issuer, validity, fingerprint — is read once at upload and kept
    beside them in clear. Its uploads, replacements and removals are PD events."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="certificates")
    pd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, null=True, blank=True, related_name="certificates"
    )
    berkas = models.TextField(_("berkas terenkripsi"))
    sandi = models.TextField(_("sandi terenkripsi"))
    subjek = models.CharField(_("subjek"), max_length=500)
    penerbit = models.CharField(_("penerbit"), max_length=500)
    nomor_seri = models.CharField(_("nomor seri"), max_length=100)
    berlaku_mulai = models.DateTimeField(_("berlaku mulai"))
    berlaku_sampai = models.DateTimeField(_("berlaku sampai"))
    sidik_jari = models.CharField(_("sidik jari SHA-256"), max_length=64)
    # What the visible signature block prints under the name of the certificate's holder.
    jabatan = models.CharField(_("jabatan penanda tangan"), max_length=300, blank=True)
    nip = models.CharField(_("NIP penanda tangan"), max_length=40, blank=True)
    bsre = models.BooleanField(_("sertifikat BSrE"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now=True)

    class Meta:
        verbose_name = _("sertifikat elektronik")
        verbose_name_plural = _("sertifikat elektronik")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda"], condition=models.Q(pd__isnull=True), name="certificate_unique_pemda"
            ),
            models.UniqueConstraint(
                fields=["pd"], condition=models.Q(pd__isnull=False), name="certificate_unique_pd"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subjek} ({self.pd or self.pemda})"

    @property
    def fingerprint_grouped(self) -> str:
        """The fingerprint in groups of four, as it is read aloud and compared by eye (and wraps on a page)."""
        return " ".join(self.sidik_jari[i : i + 4] for i in range(0, len(self.sidik_jari), 4))

    @property
    def expired(self) -> bool:
        from django.utils import timezone

        return self.berlaku_sampai < timezone.now()


class ApiRateCount(models.Model):
    """How many calls one caller of the JSON API (a token, or a client address without one) made in one window
    of the rate limit (sopap.web.api.access.RateLimit). One row per caller and window, counted up by an atomic
    upsert (services.api_rate_hit), so that every process of every web node on the database shares the count.
    A caller's older windows are deleted when its next window opens."""

    caller = models.CharField(max_length=100)
    # The window's number: the Unix time of its start divided by the window's length.
    slot = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["caller", "slot"], name="api_rate_count_once")]
