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

for model in (Pemda, Unit, Jabatan):
    admin.site.register(model)


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    # The numbering pattern is set on the PD's settings page, which checks it and logs the change.
    readonly_fields = ("pola_nomor",)


# Roles and verification chains are kept in the app (accounts, PD settings), which check and log every change.
@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "pemda", "pd", "jabatan")


@admin.register(VerificationStep)
class VerificationStepAdmin(ReadOnlyAdmin):
    list_display = ("pd", "urutan", "jabatan")


@admin.register(AccountEvent)
class AccountEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "user", "actor", "detail")


@admin.register(PdEvent)
class PdEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "pd", "actor", "before", "after")
