from django.contrib import admin

from sopap.web.monitoring.models import EvaluationEntry
from sopap.web.shared.admin import ReadOnlyAdmin


@admin.register(EvaluationEntry)
class EvaluationEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "evaluation", "by", "rekomendasi")
