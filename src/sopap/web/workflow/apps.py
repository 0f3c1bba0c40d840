from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "sopap.web.workflow"
    label = "workflow"
    verbose_name = _("Alur persetujuan")

    def ready(self) -> None:
        from sopap.web.shared.audit import install_triggers

        post_migrate.connect(install_triggers, sender=self, dispatch_uid="sopap.audit.install_triggers")
