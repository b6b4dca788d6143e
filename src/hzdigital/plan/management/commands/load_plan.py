"""``manage.py load_plan [--path FILE]``: load the plan file and the published statistics."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hzdigital.plan.messages import PLAN_LOADED_EN, PLAN_LOADED_ZH
from hzdigital.plan.planfile import PlanFileError
from hzdigital.plan.services import plan_load


class Command(BaseCommand):
    help = "Load data/plan.yaml (or --path) and data/published_statistics.csv; idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", help="Plan YAML file to load instead of the shipped one.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            edition = plan_load(path=options["path"])
        except PlanFileError as error:
            raise CommandError(str(error)) from None
        counts = {
            "slug": edition.slug,
            "units": edition.units.count(),
            "industries": sum(u.key_industries.count() for u in edition.units.all()),
            "measures": edition.measures.count(),
        }
        self.stdout.write(f"{PLAN_LOADED_ZH.format(**counts)} / {PLAN_LOADED_EN.format(**counts)}")
