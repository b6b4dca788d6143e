"""manage.py seed_talent: labelled demo talent figures for 2021–2024 and two targets."""

from django.core.management.base import BaseCommand

from hzdigital.talent.demo_seed import seed_talent


class Command(BaseCommand):
    help = "Seed demo talent figures 2021-2024 by district, reviewed, and targets (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=2021, help="Seed of the demo figures.")

    def handle(self, *args, **options) -> None:
        result = seed_talent(seed=options["seed"])
        self.stdout.write(
            f"人才演示数据 talent demo: 数据 figures {result.figures}, "
            f"新写入 written {result.created}, 目标 targets {result.targets}"
        )
