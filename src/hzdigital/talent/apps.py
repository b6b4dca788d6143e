from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "hzdigital.talent"
    label = "talent"
    verbose_name = "人才引培 Talent"
