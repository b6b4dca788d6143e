"""manage.py send_reminders: the daily reminder run (cron: see README)."""

from django.core.management.base import BaseCommand

from hzdigital.lib.periods import iso_day
from hzdigital.supervision.reminders import DEFAULT_DAYS_AHEAD, send_reminders
from hzdigital.supervision.selectors import today


class Command(BaseCommand):
    help = "Send in-app notices and emails for tasks due soon, behind schedule or overdue."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS_AHEAD,
            help=f"Remind of deadlines at most this many days away (default {DEFAULT_DAYS_AHEAD}).",
        )
        parser.add_argument(
            "--date", type=iso_day, default=None, help="Run as if today were this day (YYYY-MM-DD)."
        )

    def handle(self, *args, **options) -> None:
        day = options["date"] or today()
        result = send_reminders(on=day, days_ahead=options["days"])
        self.stdout.write(
            f"{day}: 新提醒 notices {result.notices_created}, 邮件 emails {result.emails_sent}, "
            f"今日已发 already sent today {result.already_sent}"
        )
