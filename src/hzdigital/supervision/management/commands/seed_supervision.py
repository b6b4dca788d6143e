"""manage.py seed_supervision: a labelled demo year of work points, tasks and reports."""

from django.core.management.base import BaseCommand

from hzdigital.lib.periods import iso_day
from hzdigital.supervision.demo_seed import seed_supervision
from hzdigital.supervision.selectors import today


class Command(BaseCommand):
    help = "Seed demo work points, tasks, reports and 实施方案 (idempotent; also seeds accounts)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date",
            type=iso_day,
            default=None,
            help="Anchor the demo dates on this day (YYYY-MM-DD).",
        )

    def handle(self, *args, **options) -> None:
        day = options["date"] or today()
        result = seed_supervision(today=day)
        self.stdout.write(
            f"演示数据 demo {result.year}: 工作要点 work points {result.work_points}, "
            f"任务 tasks {result.tasks}, 新报告 new reports {result.reports_created}, "
            f"实施方案 plans {result.plans}"
        )
