from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportingConfig(AppConfig):
    """Existing SOPs in Word, Excel or PDF brought in as drafts: the uploaded files, the SOPs the core's
    importer found in them, their review and correction, and their acceptance as drafts or revisions."""

    name = "sopap.web.importing"
    label = "importing"
    verbose_name = _("Impor SOP")
