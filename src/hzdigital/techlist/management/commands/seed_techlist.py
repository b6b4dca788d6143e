"""manage.py seed_techlist: a labelled demo key-technology list for 2025 and 2026 (idempotent)."""

from django.core.management.base import BaseCommand

from hzdigital.techlist.demo_seed import seed_techlist


class Command(BaseCommand):
    help = "Seed a demo two-year key-technology list (2025, 2026) with added/dropped items."

    def handle(self, *args, **options) -> None:
        result = seed_techlist()
        self.stdout.write(f"演示攻关清单 demo lists: {result.editions}, 条目 items {result.items}")
