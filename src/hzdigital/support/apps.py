from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "hzdigital.support"
    label = "support"
    verbose_name = "要素保障与融资 Enterprise support"
