"""Fills `en/LC_MESSAGES/django.po` from the table below and pins `id` (msgstr = msgid).

The source strings are Indonesian. Run after `python -m sopap.web makemessages -l en -l id`, then
`python -m sopap.web compilemessages`:  python src/sopap/web/locale/translate_en.py
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

EN = {
    "sebelumnya": "before",
    "sesudahnya": "after",
    "Oleh": "By",
    "Sebelumnya": "Before",
    "Sesudahnya": "After",
    "riwayat evaluasi": "evaluation history",
    "riwayat pengaturan perangkat daerah": "agency settings history",
    "Riwayat pengaturan": "Settings history",
    "Perubahan": "Change",
    "Pola nomor": "Number pattern",
    "versi": "version",
    "Dibuat": "Created",
    "Disimpan": "Saved",
    "Diunggah": "Uploaded",
    "Dibuka untuk kaji ulang": "Opened for review",
    "Pengesah dicatat": "Signer recorded",
    "Nomor dan tanggal efektif dicatat": "Number and effective date recorded",
    "riwayat penyuntingan": "edit history",
    "Langkah %(n)s": "Step %(n)s",
    "SOP melampaui batas format: %(problems)s": "The SOP exceeds the limits of the format: %(problems)s",
    "(dan %(count)s lagi)": "(and %(count)s more)",
    "Draf ini sudah diubah oleh %(who)s pukul %(when)s (versi %(version)s) sejak Anda membukanya. Isian Anda belum disimpan dan masih ada di layar; periksa perubahan itu, lalu simpan lagi.": "This draft was changed by %(who)s at %(when)s (version %(version)s) since you opened it. Your entries have not been saved and are still on screen; check that change, then save again.",
    "Ditetapkan; berlaku otomatis pada %(date)s.": "Decreed; comes into force automatically on %(date)s.",
    "Yang diubah orang lain sejak Anda membuka draf ini": "What others changed since you opened this draft",
    "Isian Anda di bawah belum disimpan. Salin yang perlu dari versi terbaru, lalu simpan: simpanan Anda menggantikan versi terbaru.": "Your entries below have not been saved. Copy what you need from the latest version, then save: your save replaces the latest version.",
    "Saat Anda membuka": "When you opened it",
    "Versi terbaru": "Latest version",
    "diisi dari pejabat yang mengesahkan, saat pengesahan.": "filled in from the official who approves it, at approval.",
    "pola terlalu panjang: %(length)s karakter, paling banyak %(max)s": "pattern too long: %(length)s characters, at most %(max)s",
    "format {%(name)s:%(spec)s} tidak dikenal: hanya lebar angka seperti {urut:02} atau {urut:3}": "unknown format {%(name)s:%(spec)s}: only a number width such as {urut:02} or {urut:3}",
    "nomor yang dihasilkan lebih dari %(max)s karakter": "the resulting number is longer than %(max)s characters",
    "Anda ikut menyusun SOP ini, jadi tidak dapat memverifikasi atau mengesahkannya.": "You helped write this SOP, so you cannot verify or approve it.",
    "Sekretaris Daerah %(pemda)s": "Regional Secretary of %(pemda)s",
    "Kepala %(pd)s": "Head of %(pd)s",
    "Nomor SOP terlalu panjang: %(length)s karakter, paling banyak %(max)s.": "SOP number too long: %(length)s characters, at most %(max)s.",
    "Nomor keputusan terlalu panjang: %(length)s karakter, paling banyak %(max)s.": "Decree number too long: %(length)s characters, at most %(max)s.",
    "SOP ini baru berlaku pada %(date)s, sesuai penetapannya; ia diberlakukan otomatis pada tanggal itu.": "This SOP comes into force on %(date)s, as decreed; it is put in force automatically on that date.",
    "Penyusunan SOP": "SOP authoring",
    "Nama SOP": "SOP name",
    "Contoh: Mekanisme Penyusunan RENJA": "Example: Mekanisme Penyusunan RENJA",
    "Perangkat Daerah": "Regional agency",
    "Unit kerja": "Work unit",
    "Unit ini tidak berada di perangkat daerah yang dipilih.": "This unit is not part of the chosen agency.",
    "Berkas .sop.yaml": ".sop.yaml file",
    "lintas perangkat daerah": "across agencies",
    "Disahkan oleh Sekretaris Daerah.": "Approved by the Regional Secretary.",
    "nomor SOP": "SOP number",
    "nomor urut": "sequence number",
    "SOP": "SOP",
    "revisi ke": "revision",
    "isi .sop.yaml": ".sop.yaml content",
    "status": "status",
    "nama SOP": "SOP name",
    "nomor keputusan penetapan": "decree number",
    "tanggal keputusan": "decree date",
    "tanggal berlaku": "effective date",
    "revisi SOP": "SOP revision",
    "Hanya penyusun yang dapat membuat SOP.": "Only drafters can create SOPs.",
    "Berkas diunggah sebagai draf baru.": "File uploaded as a new draft.",
    "SOP ini tidak dapat Anda ubah.": "You cannot edit this SOP.",
    "Draf tersimpan.": "Draft saved.",
    "Katalog publik": "Public catalog",
    "Organisasi": "Organisation",
    "nama": "name",
    "pemerintah daerah": "local government",
    "singkatan": "abbreviation",
    "kode": "code",
    "pola nomor SOP": "SOP number pattern",
    "Contoh: {kode_pd}.{kode_unit}.{urut:02}.{tahun} atau 800/DKISP/{urut}/{tahun}": "Example: {kode_pd}.{kode_unit}.{urut:02}.{tahun} or 800/DKISP/{urut}/{tahun}",
    "jabatan kepala": "head's position",
    "nama kepala": "head's name",
    "NIP kepala": "head's NIP",
    "perangkat daerah": "regional agency",
    "unit kerja": "work unit",
    "nama lain": "other names",
    "jabatan": "position",
    "Penyusun": "Drafter",
    "Verifikator": "Verifier",
    "Pengesah": "Approver",
    "Admin Organisasi": "Organisation admin",
    "Auditor": "Auditor",
    "peran": "role",
    "keanggotaan": "membership",
    "urutan": "order",
    "tahap verifikasi": "verification step",
    "Bahasa Indonesia": "Indonesian",
    "English": "English",
    "Nomor SOP": "SOP number",
    "Instansi": "Agency",
    "Unit": "Unit",
    "Tanggal pembuatan": "Date written",
    "Tanggal revisi": "Revision date",
    "Tanggal efektif": "Effective date",
    "Disahkan oleh": "Approved by",
    "Waktu baku": "Standard time",
    "Dasar hukum": "Legal basis",
    "Kualifikasi pelaksana": "Qualifications of the actors",
    "Keterkaitan": "Related SOPs",
    "Peralatan / perlengkapan": "Equipment / supplies",
    "Peringatan": "Warning",
    "Pencatatan dan pendataan": "Records and data",
    "Galat": "Error",
    "Waktu baku (jalur utama):": "Standard time (main path):",
    "Diagram alur SOP": "SOP flowchart",
    "Diagram alur muncul setelah nama, pelaksana dan kegiatan langkah terisi tanpa galat struktur.": "The flowchart appears once the name, actors and activities are filled in without structural errors.",
    "Pemeriksaan": "Checks",
    "galat": "errors",
    "peringatan": "warnings",
    "yang terkait langkah tampil di samping langkahnya.": "those about a step are shown beside it.",
    "Tidak ada galat maupun peringatan.": "No errors or warnings.",
    "Seret untuk memindahkan": "Drag to move",
    "Langkah": "Step",
    "Naikkan langkah": "Move up step",
    "Naik": "Up",
    "Turunkan langkah": "Move down step",
    "Turun": "Down",
    "Sisipkan langkah setelah langkah": "Insert a step after step",
    "Sisipkan": "Insert",
    "Hapus langkah": "Delete step",
    "Hapus": "Delete",
    "Kegiatan": "Activity",
    "Pelaksana": "Actor",
    "(pilih jabatan atau ketik baru; beberapa dipisah ;)": "(pick a position or type a new one; separate several with ;)",
    "Kelengkapan": "Requirements",
    "Waktu": "Time",
    "mis. 30 menit": "e.g. 30 menit",
    "Output": "Output",
    "Keputusan, keterangan, simbol": "Decision, remarks, symbol",
    "Jika Ya, ke langkah": "If yes, go to step",
    "nomor / selesai": "number / selesai",
    "Jika Tidak, ke langkah": "If no, go to step",
    "Simbol": "Symbol",
    "otomatis": "automatic",
    "Keterangan": "Remarks",
    "Catatan verifikator:": "Verifier's note:",
    "Uraian prosedur": "Procedure",
    "Ket.": "Rem.",
    "Ya": "Yes",
    "Tidak": "No",
    "Bandingkan revisi": "Compare revisions",
    "Kiri": "Left",
    "Revisi": "Revision",
    "Kanan": "Right",
    "Bandingkan": "Compare",
    "Isian": "Field",
    "(tanpa nama)": "(untitled)",
    "revisi": "revision",
    "verifikasi tahap": "verification step",
    "Ubah": "Edit",
    "Dikembalikan oleh": "Returned by",
    "Tindakan": "Actions",
    "Catatan untuk penyusun": "Note for the drafter",
    "Catatan per langkah (opsional)": "Notes per step (optional)",
    "Kirim dan kembalikan": "Send and return",
    "Nomor keputusan penetapan": "Decree number",
    "Tanggal keputusan": "Decree date",
    "Tanggal berlaku": "Effective date",
    "(kosongkan untuk memakai nomor berikutnya:": "(leave empty to use the next number:",
    "(wajib: perangkat daerah ini tidak memiliki pola nomor)": "(required: this agency has no number pattern)",
    "Catat penetapan": "Record the decree",
    "Alasan pencabutan": "Reason for withdrawal",
    "Cabut SOP": "Withdraw SOP",
    "Catatan": "Note",
    "Catatan (opsional)": "Note (optional)",
    "Diagram alur": "Flowchart",
    "Diagram alur belum dapat digambar.": "The flowchart cannot be drawn yet.",
    "Unduh": "Download",
    "Identitas": "Identity",
    "Riwayat": "History",
    "Belum ada riwayat.": "No history yet.",
    "Ubah SOP": "Edit SOP",
    "Kembali ke SOP": "Back to the SOP",
    "Nomor": "Number",
    "diberikan saat penetapan": "assigned when decreed",
    "Tanggal, pengesah, dasar hukum dan lainnya": "Dates, approver, legal basis and more",
    "Disahkan oleh (jabatan)": "Approved by (position)",
    "Nama": "Name",
    "NIP": "NIP",
    "Daftar di bawah ini: satu butir per baris.": "Lists below: one item per line.",
    "Urutan kolom pelaksana (opsional)": "Order of the actor columns (optional)",
    "Pindahkan langkah dengan menyeret, dengan tombol Naik/Turun, atau Alt+↑/↓. Nomor tujuan keputusan ikut "
    "disesuaikan.": "Move steps by dragging, with the Up/Down buttons, or Alt+↑/↓. Decision targets follow.",
    "+ Tambah langkah": "+ Add step",
    "Pratinjau diagram alur": "Flowchart preview",
    "Simpan draf": "Save draft",
    "Simpan dan kembali": "Save and go back",
    "SOP saya": "My SOPs",
    "Buat SOP baru": "New SOP",
    "Menunggu tindakan Anda": "Waiting for you",
    "Cari nama atau nomor": "Search name or number",
    "Status": "Status",
    "Semua": "All",
    "Tampilkan": "Show",
    "Daftar SOP": "SOP list",
    "Perangkat Daerah / Unit": "Agency / unit",
    "versi berlaku:": "in force:",
    "Belum ada SOP.": "No SOPs yet.",
    "Mulai dari awal": "Start from scratch",
    "Buat draf": "Create draft",
    "Unggah berkas .sop.yaml": "Upload a .sop.yaml file",
    "Unggah sebagai draf": "Upload as draft",
    "SOP Administrasi Pemerintahan": "Government administration SOPs",
    "Lewati ke isi": "Skip to content",
    "SOP AP": "SOP AP",
    "Menu utama": "Main menu",
    "Katalog": "Catalog",
    "Keluar": "Log out",
    "Masuk": "Log in",
    "sopap — perangkat lunak terbuka untuk SOP Administrasi Pemerintahan.": "sopap — open-source software for government administration SOPs.",
    "Berlaku": "In force",
    "ditetapkan dengan": "decreed by",
    "Unduh PDF": "Download PDF",
    "Diagram alur belum tersedia.": "Flowchart not available yet.",
    "Katalog SOP": "SOP catalog",
    "Katalog SOP yang berlaku": "Catalog of SOPs in force",
    "Cari SOP": "Search SOPs",
    "Cari nama, langkah, pelaksana atau dasar hukum": "Search names, steps, actors or legal basis",
    "Semua perangkat daerah": "All agencies",
    "Cari": "Search",
    "Tidak ada SOP yang cocok. Coba kata lain.": "No matching SOP. Try other words.",
    "Belum ada SOP yang berlaku.": "No SOP in force yet.",
    "Pemerintah daerah": "Local government",
    "Kode": "Code",
    "Pola nomor SOP": "SOP number pattern",
    "ditulis manual": "written by hand",
    "Kepala": "Head",
    "Rantai verifikasi": "Verification chain",
    "belum diatur": "not set",
    "Tidak ada unit tercatat.": "No units recorded.",
    "Jabatan": "Positions",
    "Anda belum tercatat di perangkat daerah mana pun.": "You are not a member of any agency yet.",
    "Untuk penyusun, verifikator, pengesah, admin organisasi dan auditor. Katalog SOP terbuka untuk umum "
    "tanpa masuk.": "For drafters, verifiers, approvers, organisation admins and auditors. The SOP catalog is "
    "open to everyone without logging in.",
    "Nama pengguna atau kata sandi salah.": "Wrong user name or password.",
    "Nama pengguna": "User name",
    "Kata sandi": "Password",
    "Alur persetujuan": "Approval workflow",
    "tindakan": "action",
    "dari": "from",
    "ke": "to",
    "waktu": "time",
    "catatan": "notes",
    "riwayat alur": "workflow history",
    "langkah": "step",
    "Draf": "Draft",
    "Diajukan": "Submitted",
    "Uji coba": "On trial",
    "Disahkan": "Approved",
    "Ditetapkan": "Decreed",
    "Digantikan": "Superseded",
    "Dicabut": "Withdrawn",
    "Ajukan": "Submit",
    "Setujui verifikasi": "Approve verification",
    "Kembalikan": "Return",
    "Mulai uji coba": "Start trial",
    "Sahkan": "Approve",
    "Kembalikan ke penyusun": "Return to the drafter",
    "Berlakukan": "Put in force",
    "Gantikan": "Supersede",
    "Kaji ulang": "Review",
    "Cabut": "Withdraw",
    "Tanggal tidak sah: %(value)s": "Invalid date: %(value)s",
    "SOP diajukan untuk verifikasi.": "SOP submitted for verification.",
    "Verifikasi disetujui.": "Verification approved.",
    "SOP dikembalikan ke penyusun dengan catatan.": "SOP returned to the drafter with notes.",
    "SOP disahkan.": "SOP approved.",
    "Penetapan tercatat.": "Decree recorded.",
    "SOP berlaku.": "SOP in force.",
    "Revisi baru dibuka sebagai draf; versi yang berlaku tetap berlaku.": "A new revision is open as a draft; the version in force stays in force.",
    "SOP dicabut.": "SOP withdrawn.",
    "Atur nomor dan verifikasi": "Set numbering and verification",
    "Pengaturan": "Settings",
    "Pola": "Pattern",
    "isian: {kode_pd}, {kode_unit}, {singkatan}, {urut} atau {urut:02}, {tahun}; kosongkan bila nomor ditulis "
    "manual saat penetapan": "fields: {kode_pd}, {kode_unit}, {singkatan}, {urut} or {urut:02}, {tahun}; leave "
    "empty when numbers are written by hand at the decree",
    "Contoh:": "Example:",
    "Verifikator bekerja berurutan dari tahap 1. Kosongkan tahap yang tidak dipakai.": "Verifiers act in order from step 1. Leave unused steps empty.",
    "Tahap": "Step",
    "Simpan": "Save",
    "Hanya admin organisasi yang dapat mengatur perangkat daerah.": "Only organisation admins can configure an agency.",
    "Pengaturan perangkat daerah tersimpan.": "Agency settings saved.",
    # Login throttling, request limits
    "Akun ini tidak sedang terkunci.": "This account is not locked.",
    "Kunci akun dibuka; pemiliknya dapat masuk lagi.": "Account unlocked; its owner can log in again.",
    "Akun ini terkunci: terlalu banyak percobaan masuk dengan kata sandi salah.": "This account is locked: too many login attempts with a wrong password.",
    "Buka kunci": "Unlock",
    "Terlalu banyak percobaan masuk yang gagal: akun ini atau alamat Anda dikunci selama %(minutes)s menit. "
    "Coba lagi nanti, atau minta admin organisasi membuka kunci akun Anda.": "Too many failed login attempts: this account or your address is locked for %(minutes)s minutes. "
    "Try again later, or ask the organisation admin to unlock your account.",
    "Berkas terlalu besar": "File too large",
    "Yang Anda kirim berukuran %(size)s; batasnya %(limit)s. Tidak ada yang disimpan.": "What you sent is %(size)s; the limit is %(limit)s. Nothing was saved.",
    "Kembali ke halaman sebelumnya dan pilih berkas yang lebih kecil.": "Go back to the previous page and choose a smaller file.",
    "Permintaan ini tidak menyebut panjang isinya (Content-Length); kirim ulang dengan panjangnya.": "This request does not state the length of its body (Content-Length); send it again with its length.",
    "Berkas terlalu besar (%(size)s); batasnya %(limit)s.": "File too large (%(size)s); the limit is %(limit)s.",
}
PLURALS = {
    "%(n)s SOP ditemukan untuk “%(q)s”.": ("%(n)s SOP found for “%(q)s”.", "%(n)s SOPs found for “%(q)s”.")
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(path: Path, lang: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    missing: list[str] = []
    entry = re.compile(
        r'msgid ((?:".*"\n)+)(msgid_plural ((?:".*"\n)+))?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)'
    )

    def unq(block: str) -> str:
        return "".join(
            bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
            for s in re.findall(r'"(.*)"', block)
        )

    def repl(m: re.Match[str]) -> str:
        msgid = unq(m.group(1))
        if not msgid:
            return m.group(0)
        head = f"msgid {m.group(1)}"
        if m.group(2):
            plural = unq(m.group(3))
            forms = PLURALS.get(msgid, (msgid, plural)) if lang == "en" else (msgid, plural)
            if lang == "en" and msgid not in PLURALS:
                missing.append(msgid)
            return head + f"{m.group(2)}msgstr[0] {_quote(forms[0])}\nmsgstr[1] {_quote(forms[1])}\n"
        value = msgid if lang == "id" else EN.get(msgid)
        if value is None:
            missing.append(msgid)
            value = ""
        return head + f"msgstr {_quote(value)}\n"

    text = entry.sub(repl, text)
    if lang == "en":
        text = text.replace(
            '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        )
    else:
        text = re.sub(r'"Plural-Forms: [^"]*"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\\\n"', text)
    text = text.replace("#, fuzzy\n", "")
    path.write_text(text, encoding="utf-8")
    return missing


if __name__ == "__main__":
    for lang in ("id", "en"):
        missing = fill(HERE / lang / "LC_MESSAGES" / "django.po", lang)
        if missing:
            print(lang, "missing:", *missing, sep="\n  ")
