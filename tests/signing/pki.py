"""Fixtures' helpers for the signature tests: a development CA in a temporary directory,
signer profiles on PKCS#12 files, a small PDF to sign."""

import functools
from pathlib import Path

from signing.pki import Issued, leaf_issue
from signing.rendering import document_render_source, sample_context

BODY = (
    '{% extends "documents/base.html" %}{% block body %}'
    "<p>Quyết định công nhận tốt nghiệp trung học cơ sở.</p>{% endblock %}"
)


@functools.cache
def sample_pdf() -> bytes:
    return document_render_source(body=BODY, context=sample_context(), name="test")


def pkcs12_file(directory: Path, issued: Issued, chain: list, name: str) -> tuple[str, str]:
    passphrase = f"pass-{name}"
    path = directory / f"{name}.p12"
    path.write_bytes(issued.pkcs12(passphrase=passphrase, chain=chain))
    return str(path), passphrase


def leader_issue(issuer: Issued, **kwargs) -> Issued:  # type: ignore[no-untyped-def]
    kwargs.setdefault("common_name", "Nguyễn Văn Á")
    kwargs.setdefault("organisation", "Sở Giáo dục và Đào tạo")
    kwargs.setdefault("title", "Giám đốc")
    return leaf_issue(issuer=issuer, **kwargs)
