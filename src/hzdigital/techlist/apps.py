from django.apps import AppConfig


class TechlistConfig(AppConfig):
    name = "hzdigital.techlist"
    label = "techlist"
    verbose_name = "关键核心技术攻关清单 Key-technology list"
