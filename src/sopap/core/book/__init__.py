"""The legal documents made from a set of SOPs: the Buku SOP and the Keputusan penetapan."""
