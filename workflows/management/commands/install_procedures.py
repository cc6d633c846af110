"""``manage.py install_procedures [paths...]``: install procedure packages (default: the four
seed procedures shipped in workflows/procedures/seed), published; idempotent."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from workflows.errors import ProcedurePackageInvalid
from workflows.models import Agency
from workflows.procedures import package_install, seed_packages


class Command(BaseCommand):
    help = "Install procedure packages (motcua/procedure@1); without paths, the seed procedures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="Package files (.yaml, .json).")
        parser.add_argument(
            "--scope",
            default=None,
            help="An agency code: install the versions for that agency and its subtree.",
        )
        parser.add_argument(
            "--draft", action="store_true", help="Leave the new versions as drafts."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scope = None
        if options["scope"]:
            scope = Agency.objects.filter(code=options["scope"]).first()
            if scope is None:
                raise CommandError(f"There is no agency with the code {options['scope']}.")
        paths = options["paths"] or seed_packages()
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
            try:
                installed = package_install(source=path, scope=scope, publish=not options["draft"])
            except ProcedurePackageInvalid as invalid:
                problems = "\n".join(f"  {error}" for error in invalid.errors)
                raise CommandError(f"{path.name}: the package is invalid:\n{problems}") from None
            state = "installed" if installed.created else "unchanged"
            self.stdout.write(f"{path.name}: {installed.version} {state}")
