from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharedConfig(AppConfig):
    """Installed for its template library (dates and history sentences every app's pages use) and for the
    words of every select's empty choice."""

    name = "sopap.web.shared"
    label = "shared"
    verbose_name = _("Bersama")

    def ready(self) -> None:
        from django.db.models import fields

        # Django's own "- Select an option -" has no Indonesian translation; Django reads this constant
        # when it builds a select's empty choice, and lets an app's ready() set it.
        fields.BLANK_CHOICE_LABEL = _("— Pilih —")
