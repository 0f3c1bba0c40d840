from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharedConfig(AppConfig):
    """Installed only for its template library (dates and history sentences every app's pages use)."""

    name = "sopap.web.shared"
    label = "shared"
    verbose_name = _("Bersama")
