from django.contrib import admin

from sopap.web.workflow.models import StepNote, Transition

admin.site.register(Transition)
admin.site.register(StepNote)
