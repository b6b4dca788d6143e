"""manage.py seed_accounts: org units of the plan's machinery and one demo user per role."""

from django.core.management.base import BaseCommand

from hzdigital.accounts.seed import DEMO_PASSWORD, seed_accounts


class Command(BaseCommand):
    help = "Create the leading group, office, member departments, 13 district governments and demo users (idempotent)."

    def handle(self, *args, **options) -> None:
        result = seed_accounts()
        self.stdout.write(
            f"组织单位 org units: {result.units}; 演示用户 demo users: {result.users} "
            f"(新建 new: {result.created_users}); 演示密码 demo password: {DEMO_PASSWORD}"
        )
