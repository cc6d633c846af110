"""Check that background work runs end to end: enqueue a ping and wait until it is sent."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core import outbox
from core.outbox.models import OutboxMessage


class Command(BaseCommand):
    help = "Enqueue a core.ping outbox row and wait until a dispatcher has sent it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wait", type=float, default=30.0, help="seconds to wait")

    def handle(self, *args: Any, wait: float, **options: Any) -> None:
        with transaction.atomic():
            message = outbox.enqueue(kind="core.ping", payload={}, summary="ping")
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            status = OutboxMessage.objects.values_list("status", flat=True).get(pk=message.pk)
            if status == OutboxMessage.Status.DONE:
                self.stdout.write(f"ping #{message.pk} sent")
                return
            time.sleep(0.2)
        raise CommandError(f"ping #{message.pk} not sent within {wait:g}s (is a worker running?)")
