from django.contrib import admin

from sopap.web.authoring.models import Revision, RevisionEdit, SopDocument
from sopap.web.shared.admin import ReadOnlyAdmin


@admin.register(SopDocument)
class SopDocumentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "pd", "nomor")


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "status", "version", "updated_at")
    list_filter = ("status",)


@admin.register(RevisionEdit)
class RevisionEditAdmin(ReadOnlyAdmin):
    list_display = ("revision", "version", "action", "editor", "at")
