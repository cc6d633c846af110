"""The system check of the SMS backend (motcua.E120)."""

from typing import Any

from integrations.notify.checks import notify_check


def problems() -> list[str]:
    return [issue.msg for issue in notify_check(None) if issue.id == "motcua.E120"]


def test_the_fake_is_refused_in_production_unless_allowed(settings: Any) -> None:
    settings.DEBUG, settings.MOTCUA_ALLOW_FAKES = False, False
    assert problems() == ["The SMS backend 'fake' is a fake (an in-process stand-in)."]
    settings.MOTCUA_ALLOW_FAKES = True
    assert problems() == []


def test_the_gateway_needs_its_settings_and_https(settings: Any) -> None:
    settings.DEBUG = False
    settings.NOTIFY_SMS_BACKEND = "brandname_http"
    settings.NOTIFY_SMS_GATEWAY_URL = "http://gw.example.vn/send"
    settings.NOTIFY_SMS_API_KEY = ""
    settings.NOTIFY_SMS_HMAC_SECRET = "s"
    settings.NOTIFY_SMS_BRANDNAME = "A-VERY-LONG-NAME"
    assert problems() == [
        "SMS backend 'brandname_http': NOTIFY_SMS_GATEWAY_URL must be https:// in production",
        "SMS backend 'brandname_http': NOTIFY_SMS_API_KEY is not set",
        "SMS backend 'brandname_http': NOTIFY_SMS_BRANDNAME is longer than 11 characters",
    ]
    settings.NOTIFY_SMS_GATEWAY_URL = "https://gw.example.vn/send"
    settings.NOTIFY_SMS_API_KEY = "k"
    settings.NOTIFY_SMS_BRANDNAME = "UBND-HCM"
    assert problems() == []


def test_an_unknown_backend_is_reported(settings: Any) -> None:
    settings.NOTIFY_SMS_BACKEND = "carrier_pigeon"
    assert problems() == ["No SMS backend is configured."]
