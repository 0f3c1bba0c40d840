from django.contrib import admin

from sopap.web.organisations.models import (
    AccountEvent,
    Jabatan,
    Membership,
    PdEvent,
    Pemda,
    PerangkatDaerah,
    Unit,
    VerificationStep,
)
from sopap.web.shared.admin import ReadOnlyAdmin

for model in (Pemda, PerangkatDaerah, Unit, Jabatan, Membership, VerificationStep):
    admin.site.register(model)


@admin.register(AccountEvent)
class AccountEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "user", "actor", "detail")


@admin.register(PdEvent)
class PdEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "pd", "actor", "before", "after")
