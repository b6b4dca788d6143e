from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "hzdigital.benchmark"
    label = "benchmark"
    verbose_name = "城市对标 City benchmark"
