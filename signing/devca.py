"""The development CA: a root, a timestamp authority, signers for the demo, under
``MOTCUA_SIGNING_DIR`` (var/signing/). Every subject says "not for production".

Files: ``root.pem`` (the root's certificate), ``root.p12`` and ``tsa.p12`` (keys in
PKCS#12 with random passphrases), ``secrets.json`` (those passphrases, Fernet-encrypted
with the site's field keys: core.crypto). Signers' PKCS#12 files go to ``signers/``; their
passphrases live only encrypted in SignerProfile.config.
"""

import json
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from django.conf import settings

from core.crypto import decrypt_json, encrypt_json
from signing.pki import Issued, issued_load, leaf_issue, root_issue

ORGANISATION = "motcua development CA"


@dataclass(frozen=True)
class DevCA:
    root: Issued
    tsa: Issued


def dev_dir() -> Path:
    return Path(settings.MOTCUA_SIGNING_DIR)


def dev_root_path() -> Path:
    return dev_dir() / "root.pem"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(data)
    temporary.chmod(0o600)
    temporary.replace(path)


_lock = threading.Lock()
_cache: dict[tuple[str, float], DevCA] = {}


def dev_ca_load() -> DevCA | None:
    """The development CA when its files exist and can be read with this site's keys."""
    directory = dev_dir()
    try:
        stamp = (directory / "secrets.json").stat().st_mtime
    except OSError:
        return None
    key = (str(directory), stamp)
    cached = _cache.get(key)
    if cached is None:
        try:
            passphrases = decrypt_json(json.loads((directory / "secrets.json").read_text())["v"])
            root = issued_load(
                pkcs12_data=(directory / "root.p12").read_bytes(), passphrase=passphrases["root"]
            )
            tsa = issued_load(
                pkcs12_data=(directory / "tsa.p12").read_bytes(), passphrase=passphrases["tsa"]
            )
        except (OSError, KeyError, ValueError):
            return None
        cached = DevCA(root=root, tsa=tsa)
        with _lock:
            _cache.clear()
            _cache[key] = cached
    return cached


def dev_ca_create() -> tuple[DevCA, bool]:
    """The development CA, made when missing or unreadable; (ca, created)."""
    existing = dev_ca_load()
    if existing is not None:
        return existing, False
    root = root_issue(common_name="motcua development root CA", organisation=ORGANISATION)
    tsa = leaf_issue(
        issuer=root, common_name="motcua development TSA", organisation=ORGANISATION, tsa=True
    )
    passphrases = {"root": secrets.token_urlsafe(24), "tsa": secrets.token_urlsafe(24)}
    directory = dev_dir()
    _write(directory / "root.p12", root.pkcs12(passphrase=passphrases["root"]))
    _write(directory / "tsa.p12", tsa.pkcs12(passphrase=passphrases["tsa"], chain=[root.cert]))
    _write(dev_root_path(), root.cert_pem())
    _write(directory / "secrets.json", json.dumps({"v": encrypt_json(passphrases)}).encode())
    ca = dev_ca_load()
    assert ca is not None
    return ca, True


def dev_root_pem() -> bytes | None:
    try:
        return dev_root_path().read_bytes()
    except OSError:
        return None


def dev_signer_issue(
    *,
    ca: DevCA,
    file_name: str,
    common_name: str,
    organisation: str,
    title: str = "",
    folder: str = "signers",
) -> tuple[Path, str, x509.Certificate]:
    """A signer's certificate from the dev root in ``<folder>/<file_name>.p12``;
    returns (path, passphrase, certificate). The caller stores the passphrase encrypted."""
    issued = leaf_issue(
        issuer=ca.root, common_name=common_name, organisation=organisation, title=title
    )
    passphrase = secrets.token_urlsafe(24)
    path = dev_dir() / folder / f"{file_name}.p12"
    _write(path, issued.pkcs12(passphrase=passphrase, chain=[ca.root.cert]))
    return path, passphrase, issued.cert
