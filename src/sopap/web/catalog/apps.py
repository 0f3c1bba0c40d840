from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "sopap.web.catalog"
    label = "catalog"
    verbose_name = _("Katalog publik")

    def ready(self) -> None:
        from sopap.web.catalog.generation import install_triggers

        # Sent after the whole migrate (and after a flush), when the other apps' tables exist too.
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="sopap.catalog.install_triggers")
