"""Template versions: the one in use, a new version from an edit, restoring an old one."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from .defaults import DEFAULTS
from .models import NotificationTemplate


def template_current(*, event: str, channel: str, language: str) -> NotificationTemplate | None:
    """The newest active version; the Vietnamese one when the language has none. The shipped
    text is installed on first use when the event and channel have no version at all (a
    database filled without the data migration); versions all switched off stay off."""
    for lang in dict.fromkeys((language, "vi")):
        found = (
            NotificationTemplate.objects.filter(
                event=event, channel=channel, language=lang, active=True
            )
            .order_by("-version")
            .first()
        )
        if found is not None:
            return found
    return _shipped(event=event, channel=channel)


def _shipped(*, event: str, channel: str) -> NotificationTemplate | None:
    text = DEFAULTS.get((event, channel))
    versions = NotificationTemplate.objects.filter(event=event, channel=channel, language="vi")
    if text is None or versions.exists():
        return None
    try:
        with transaction.atomic():
            return NotificationTemplate.objects.create(
                event=event,
                channel=channel,
                language="vi",
                version=1,
                subject=text[0],
                body=text[1],
            )
    except IntegrityError:  # installed by a concurrent sender
        return versions.filter(active=True).order_by("-version").first()


def template_version_create(
    *,
    event: str,
    channel: str,
    language: str,
    subject: str,
    body: str,
    active: bool = True,
    created_by: Any = None,
) -> NotificationTemplate:
    """Save a new version (the next number of its event, channel and language), checked
    against the event's placeholders. Two editors at once get consecutive numbers."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                last = NotificationTemplate.objects.filter(
                    event=event, channel=channel, language=language
                ).aggregate(last=Max("version"))["last"]
                template = NotificationTemplate(
                    event=event,
                    channel=channel,
                    language=language,
                    version=(last or 0) + 1,
                    subject=subject,
                    body=body,
                    active=active,
                    created_by=created_by if getattr(created_by, "pk", None) else None,
                )
                template.full_clean()
                template.save()
                return template
        except IntegrityError:
            continue
    raise IntegrityError("could not number the new template version")


def template_restore(*, template: NotificationTemplate, by: Any = None) -> NotificationTemplate:
    """An old version's text as the newest (active) version."""
    return template_version_create(
        event=template.event,
        channel=template.channel,
        language=template.language,
        subject=template.subject,
        body=template.body,
        created_by=by,
    )
