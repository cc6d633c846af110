"""The standard roles of the one-stop process exist in every installation."""

from django.db import migrations

STANDARD_ROLES = [
    ("reception", "Reception officer"),
    ("specialist", "Specialist"),
    ("leader", "Leader"),
    ("result_desk", "Result desk"),
    ("admin", "Administrator"),
]


def create_roles(apps, schema_editor):
    Role = apps.get_model("workflows", "Role")
    for code, name in STANDARD_ROLES:
        Role.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("workflows", "0002_immutability_guards")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
