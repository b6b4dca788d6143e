from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "hzdigital.plan"
    label = "plan"
    verbose_name = "规划 Plan"
