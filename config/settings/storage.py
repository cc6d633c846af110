"""Files: attachments and generated documents through Django's storage API.

The filesystem on the embedded default (never under a public URL: files are
served by views that check who asks); S3-compatible storage with
MOTCUA_STORAGE=s3 and the AWS_* variables of django-storages.
"""

import contextlib

from .base import STATIC_ROOT
from .env import VAR_DIR, env_int, env_str

MEDIA_ROOT = env_str("MOTCUA_MEDIA_ROOT") or str(VAR_DIR / "files")
MEDIA_URL = None  # nothing is served straight from storage

_backend = env_str("MOTCUA_STORAGE", "filesystem")
if _backend == "s3":
    _private = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
else:
    _private = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }

STORAGES = {
    "default": _private,
    # compressed copies beside the files; no manifest, so a page never fails on a missing one
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# WhiteNoise serves STATIC_ROOT (deploy/run static) and, when nothing was collected (the
# embedded default), the apps' static folders directly.
WHITENOISE_USE_FINDERS = True
# WhiteNoise warns on every start when STATIC_ROOT is missing (nothing collected yet); in a
# read-only image collectstatic made it at build time.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_MAX_AGE = 3600
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# One uploaded document (a scan of a diploma register page, a school record).
MOTCUA_ATTACHMENT_MAX_BYTES = env_int("MOTCUA_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
