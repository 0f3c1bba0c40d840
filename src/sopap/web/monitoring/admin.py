from django.contrib import admin

from sopap.web.admin_readonly import ReadOnlyAdmin
from sopap.web.monitoring.models import EvaluationEntry


@admin.register(EvaluationEntry)
class EvaluationEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "evaluation", "by", "rekomendasi")
