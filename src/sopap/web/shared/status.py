"""The status of an SOP revision: the states of the lifecycle (their transitions are `workflow.states`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    UJI_COBA = "uji_coba", _("Uji coba")
    DISAHKAN = "disahkan", _("Disahkan")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")
    BERLAKU = "berlaku", _("Berlaku")
    DIGANTIKAN = "digantikan", _("Digantikan")
    DICABUT = "dicabut", _("Dicabut")
    # A draft its author deleted before ever submitting it: kept (with its log) but shown nowhere.
    DIHAPUS = "dihapus", _("Dihapus")


EDITABLE = frozenset({Status.DRAF})
PUBLIC = frozenset({Status.BERLAKU})
HIDDEN = frozenset({Status.DIHAPUS})
