"""Make the development CA, TSA and signers (not for production)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from signing.devsetup import signing_dev_setup


def _pairs(values: list[str], option: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        left, sep, right = value.partition("=")
        if not sep or not left or not right:
            raise CommandError(f"{option} takes KEY=VALUE, not {value!r}")
        pairs.append((left, right))
    return pairs


class Command(BaseCommand):
    help = (
        "Create the development CA, its timestamp authority, an agency seal per --agency and "
        "a personal signature per --leader (idempotent; refused when MOTCUA_SIGNING_DEV is off)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", action="append", default=[], help="CODE=Agency name")
        parser.add_argument("--leader", action="append", default=[], help="username=AGENCY_CODE")

    def handle(self, *args: Any, **options: Any) -> None:
        result = signing_dev_setup(
            agencies=_pairs(options["agency"], "--agency"),
            leaders=_pairs(options["leader"], "--leader"),
        )
        if result is None:
            raise CommandError("The development CA is off (MOTCUA_SIGNING_DEV=0).")
        if result.ca_created:
            self.stdout.write("Development CA and TSA created (not for production).")
        for line in result.issued:
            self.stdout.write(f"Issued: {line}")
