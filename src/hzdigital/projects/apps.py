from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "hzdigital.projects"
    label = "projects"
    verbose_name = "重大项目 Major projects"
