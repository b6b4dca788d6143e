from django.apps import AppConfig


class IndexConfig(AppConfig):
    name = "hzdigital.index"
    label = "district_index"  # "index" is too generic a label to share a project with
    verbose_name = "综合指数 District index"
