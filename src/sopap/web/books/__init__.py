"""The Buku SOP and the Keputusan penetapan of a Perangkat Daerah, or of the whole Pemda, in the web app."""
