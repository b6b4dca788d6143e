"""manage.py seed_projects: a labelled demo portfolio of major projects (idempotent)."""

from django.core.management.base import BaseCommand

from hzdigital.projects.demo_seed import seed_projects


class Command(BaseCommand):
    help = "Seed ~20 demo major projects with investment, blockers, factor requests and quotas."

    def handle(self, *args, **options) -> None:
        result = seed_projects()
        self.stdout.write(
            f"演示重大项目 demo projects: {result.projects} (新 new {result.created})"
        )
