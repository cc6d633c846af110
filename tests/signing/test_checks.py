"""motcua.E160: development keys never with DEBUG off."""

import pytest

from signing.checks import signing_development_check
from signing.devsetup import signing_dev_setup
from signing.models import SignerProfile


def codes(messages) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.id for m in messages]


@pytest.mark.django_db
def test_development_ca_profiles_and_root_are_refused_with_debug_off(dev_ca, settings):
    signing_dev_setup(agencies=[("000.00.20.H99", "Sở Giáo dục và Đào tạo")], leaders=[])
    settings.DEBUG = True
    assert signing_development_check(None) == []
    settings.DEBUG = False
    messages = signing_development_check(None)
    assert codes(messages) == ["motcua.E160", "motcua.E160"]  # the CA on, one active profile
    settings.MOTCUA_SIGNING_DEV = False
    settings.MOTCUA_SIGNING_TRUST_ROOTS = [settings.MOTCUA_SIGNING_DIR + "/root.pem"]
    SignerProfile.objects.update(active=False)
    [message] = signing_development_check(None)
    assert "development root CA" in message.msg
    settings.MOTCUA_SIGNING_TRUST_ROOTS = []
    assert signing_development_check(None) == []
