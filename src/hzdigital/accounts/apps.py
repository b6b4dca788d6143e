from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hzdigital.accounts"
    label = "accounts"
    verbose_name = "组织与角色 Organisation and roles"
