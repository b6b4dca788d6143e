from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "hzdigital.supervision"
    label = "supervision"
    verbose_name = "督查落实 Supervision"
