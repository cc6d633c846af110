"""Dossier codes: the format and the width of the daily sequence (checked at load time); the
public address printed on a dossier's documents."""

from django.core.exceptions import ImproperlyConfigured

from workflows.services import dossier_code_format as _code_format

from .env import env_int, env_str

# Circular 01/2018/TT-VPCP Art. 19: <receiving agency code>-<YYMMDD>-<4-digit daily sequence>
MOTCUA_DOSSIER_CODE_FORMAT = env_str("MOTCUA_DOSSIER_CODE_FORMAT") or _code_format.DEFAULT_FORMAT
MOTCUA_DOSSIER_CODE_WIDTH = env_int("MOTCUA_DOSSIER_CODE_WIDTH", _code_format.DEFAULT_WIDTH)

_errors = _code_format.code_format_errors(MOTCUA_DOSSIER_CODE_FORMAT, MOTCUA_DOSSIER_CODE_WIDTH)
if _errors:
    raise ImproperlyConfigured(
        "MOTCUA_DOSSIER_CODE_FORMAT / MOTCUA_DOSSIER_CODE_WIDTH: " + "; ".join(_errors)
    )

# The public site's address: documents print <it>/track/<dossier code>/ (and its QR code).
MOTCUA_PUBLIC_URL = (env_str("MOTCUA_PUBLIC_URL") or "http://127.0.0.1:8000").rstrip("/")
