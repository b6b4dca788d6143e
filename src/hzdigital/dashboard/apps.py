from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "hzdigital.dashboard"
    label = "dashboard"
    verbose_name = "监测 Monitoring"
