"""Version 1 of the shipped Vietnamese templates (integrations.notify.defaults)."""

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    from integrations.notify.defaults import templates_install_defaults

    templates_install_defaults(apps.get_model("notify", "NotificationTemplate"))


class Migration(migrations.Migration):
    dependencies = [("notify", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
