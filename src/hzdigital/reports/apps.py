from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hzdigital.reports"
    label = "reports"
    verbose_name = "年度监测报告 Annual monitoring report"
