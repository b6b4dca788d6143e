"""manage.py seed_support: a labelled demo year of policies, financing products, funds and
enterprise profiles (idempotent; also seeds accounts)."""

from django.core.management.base import BaseCommand

from hzdigital.support.demo_seed import seed_support


class Command(BaseCommand):
    help = "Seed demo policies, financing products, funds and enterprise profiles (idempotent)."

    def handle(self, *args, **options) -> None:
        result = seed_support()
        self.stdout.write(
            f"演示数据 demo: 政策与产品 policies {result.policies}, 新档案 new profiles "
            f"{result.profiles}, 基金 funds {result.funds}, 演示企业 demo enterprise "
            f"{result.demo_enterprise_uscc or '-'}"
        )
