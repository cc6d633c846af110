"""Store the shipped statutory forms (01-03) as revision 1 of their codes, once."""

from typing import Any

from django.core.management.base import BaseCommand

from signing.services import document_template_install_defaults


class Command(BaseCommand):
    help = "Install the default document templates (Forms 01-03); existing codes are kept."

    def handle(self, *args: Any, **options: Any) -> None:
        created = document_template_install_defaults()
        for template in created:
            self.stdout.write(f"installed {template}")
        if not created:
            self.stdout.write("default document templates already installed")
