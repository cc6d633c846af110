"""``manage.py load_demo``: demo agencies, roles, accounts, the four seed procedures published
and demo dossiers in several states (idempotent)."""

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from workflows.demo import demo_load


class Command(BaseCommand):
    help = (
        "Load demo agencies, roles, officers for every step, the four seed procedures and demo "
        "dossiers in several states."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (not for production).",
        )
        parser.add_argument(
            "--accounts-file",
            type=Path,
            default=None,
            help="Where generated passwords are kept (default: var/demo_accounts.txt).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "load_demo creates accounts with known passwords: it runs only with DEBUG on "
                "(MOTCUA_DEBUG=1), or with --force."
            )
        accounts_file = options["accounts_file"] or Path(settings.VAR_DIR) / "demo_accounts.txt"
        shared = os.environ.get("MOTCUA_DEMO_PASSWORD", "")
        accounts = demo_load(accounts_file=accounts_file, shared_password=shared)
        rows = self._rows(accounts)
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
        if not shared:
            self.stdout.write(f"Passwords are kept in {accounts_file} (mode 600).")

    @staticmethod
    def _rows(accounts: list[Any]) -> list[tuple[str, str, str, str]]:
        header = ("username", "role", "agency", "password")
        return [header] + [(a.username, a.role, a.agency, a.password) for a in accounts]
