from django.contrib import admin

from sopap.web.monitoring.models import Digest, DigestItem, EvaluationEntry
from sopap.web.shared.admin import ReadOnlyAdmin


@admin.register(EvaluationEntry)
class EvaluationEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "evaluation", "by", "rekomendasi")


# What the daily digest sent, as sent: kept to leave out of later digests what each account already heard of.
@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    list_display = ("day", "user", "to", "items", "sent_at")


@admin.register(DigestItem)
class DigestItemAdmin(ReadOnlyAdmin):
    list_display = ("first_sent", "user", "key")
