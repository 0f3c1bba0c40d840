from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "sopap.web.dashboards"
    label = "dashboards"
    verbose_name = "Dasbor"
