from django.contrib import admin

from sopap.web.authoring.models import Revision, SopDocument

admin.site.register(SopDocument)
admin.site.register(Revision)
