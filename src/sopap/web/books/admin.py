from django.contrib import admin

from sopap.web.books.models import BookEvent
from sopap.web.shared.admin import ReadOnlyAdmin


@admin.register(BookEvent)
class BookEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "pemda", "pd", "actor", "detail")
