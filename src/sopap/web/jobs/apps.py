from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Background jobs as their users see them: a record of each with its progress and its result or
    error. The work itself runs as a task of Django's tasks framework (`sopap worker`)."""

    name = "sopap.web.jobs"
    label = "jobs"
    verbose_name = _("Pekerjaan latar belakang")
