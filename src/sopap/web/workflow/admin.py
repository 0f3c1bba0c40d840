from django.contrib import admin

from sopap.web.shared.admin import ReadOnlyAdmin
from sopap.web.workflow.models import Acknowledgement, AcknowledgementRequest, StepNote, Transition


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("revision", "action", "from_status", "to_status", "actor", "at")
    list_filter = ("action",)


@admin.register(StepNote)
class StepNoteAdmin(ReadOnlyAdmin):
    list_display = ("transition", "step", "text")


@admin.register(AcknowledgementRequest)
class AcknowledgementRequestAdmin(ReadOnlyAdmin):
    list_display = ("revision", "user", "jabatan", "at")


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ("revision", "user", "action", "at")
