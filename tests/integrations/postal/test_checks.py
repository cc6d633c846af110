from integrations.postal.checks import postal_check


def _ids(messages: list) -> list[str]:  # type: ignore[type-arg]
    return [m.id for m in messages]


def test_the_fake_is_refused_in_production_unless_allowed(settings) -> None:
    settings.DEBUG, settings.MOTCUA_ALLOW_FAKES = False, False
    settings.MOTCUA_POSTAL_BACKEND = "fake"
    assert _ids(postal_check(None)) == ["motcua.E140"]
    settings.MOTCUA_ALLOW_FAKES = True
    assert postal_check(None) == []


def test_an_unknown_backend_is_reported(settings) -> None:
    settings.MOTCUA_POSTAL_BACKEND = "pigeon"
    assert _ids(postal_check(None)) == ["motcua.E140"]


def test_the_http_backend_needs_its_configuration(settings) -> None:
    settings.DEBUG = False
    settings.MOTCUA_POSTAL_BACKEND = "vnpost_http"
    settings.MOTCUA_POSTAL_URL = "http://post.example"
    settings.MOTCUA_POSTAL_USERNAME = settings.MOTCUA_POSTAL_PASSWORD = ""
    settings.MOTCUA_POSTAL_WEBHOOK_SECRET = "short"
    settings.MOTCUA_POSTAL_SENDER_PROVINCE = settings.MOTCUA_POSTAL_SENDER_COMMUNE = ""
    text = " ".join(m.msg for m in postal_check(None))
    for expected in ("https://", "USERNAME", "WEBHOOK_SECRET", "SENDER_PROVINCE"):
        assert expected in text
    settings.MOTCUA_POSTAL_URL = "https://post.example"
    settings.MOTCUA_POSTAL_USERNAME = settings.MOTCUA_POSTAL_PASSWORD = "x"
    settings.MOTCUA_POSTAL_WEBHOOK_SECRET = "s" * 32
    settings.MOTCUA_POSTAL_SENDER_PROVINCE, settings.MOTCUA_POSTAL_SENDER_COMMUNE = "01", "00070"
    assert postal_check(None) == []
