"""The shared backend check: configuration problems reported, fakes refused in production."""

from core.backends import Backend, backend_check


class Fake(Backend):
    id = "fake"
    fake = True


class Real(Backend):
    id = "real"

    def check_config(self) -> list[str]:
        return ["the secret is not set"]


def test_a_fake_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    settings.MOTCUA_ALLOW_FAKES = False
    issues = backend_check(kind="payments", backend=Fake(), code="motcua.E999")
    assert [issue.id for issue in issues] == ["motcua.E999"]
    assert "fake" in issues[0].msg


def test_a_fake_is_allowed_in_debug_or_by_the_explicit_setting(settings):
    settings.DEBUG = True
    assert backend_check(kind="payments", backend=Fake(), code="motcua.E999") == []
    settings.DEBUG = False
    settings.MOTCUA_ALLOW_FAKES = True
    assert backend_check(kind="payments", backend=Fake(), code="motcua.E999") == []


def test_configuration_problems_and_a_missing_backend_are_errors(settings):
    settings.DEBUG = True
    issues = backend_check(kind="post", backend=Real(), code="motcua.E998")
    assert [issue.msg for issue in issues] == ["post backend 'real': the secret is not set"]
    assert backend_check(kind="post", backend=None, code="motcua.E998")[0].id == "motcua.E998"
