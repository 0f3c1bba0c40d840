from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "sopap.web.inventory"
    label = "inventory"
    verbose_name = "Inventaris SOP"
