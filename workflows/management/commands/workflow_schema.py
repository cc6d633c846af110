"""``manage.py workflow_schema``: print the JSON Schema of workflow definitions."""

from typing import Any

from django.core.management.base import BaseCommand

from workflows.definitions.schema import schema_text


class Command(BaseCommand):
    help = "Print the JSON Schema of the workflow definition language (motcua/workflow@1)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(schema_text(), ending="")
