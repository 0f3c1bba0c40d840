from django.contrib import admin

from sopap.web.shared.admin import ReadOnlyAdmin
from sopap.web.workflow.models import StepNote, Transition


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("revision", "action", "from_status", "to_status", "actor", "at")
    list_filter = ("action",)


@admin.register(StepNote)
class StepNoteAdmin(ReadOnlyAdmin):
    list_display = ("transition", "step", "text")
