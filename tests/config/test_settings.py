"""Environment variables switch the embedded default to PostgreSQL, Redis + Celery and S3
with no code change. Each case loads the settings in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""),
    "options": db.get("OPTIONS", {}),
    "background": settings.MOTCUA_BACKGROUND, "broker": settings.CELERY_BROKER_URL,
    "cache": settings.CACHES["default"]["BACKEND"],
    "storage": type(storages["default"]).__module__ + "." + type(storages["default"]).__name__,
    "time_zone": settings.TIME_ZONE, "language": settings.LANGUAGE_CODE,
}))
"""


def load(tmp_path: Path, **env: str) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "DATABASE_"))}
    clean.pop("REDIS_URL", None)
    clean.pop("CELERY_BROKER_URL", None)
    clean.update({"DJANGO_SETTINGS_MODULE": "config.settings", "MOTCUA_VAR_DIR": str(tmp_path)})
    clean.update(env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_default_is_sqlite_wal_with_the_thread_dispatcher(tmp_path):
    conf = load(tmp_path)
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["name"] == str(tmp_path / "motcua.sqlite3")
    assert "journal_mode=WAL" in conf["options"]["init_command"]
    assert conf["options"]["transaction_mode"] == "IMMEDIATE"
    assert conf["background"] == "thread"
    assert conf["cache"].endswith("LocMemCache")
    assert conf["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert (conf["time_zone"], conf["language"]) == ("Asia/Ho_Chi_Minh", "vi")


def test_urls_switch_to_postgresql_redis_and_celery(tmp_path):
    conf = load(
        tmp_path,
        DATABASE_URL="postgres://motcua@db.internal:5432/motcua",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert conf["engine"] == "django.db.backends.postgresql"
    assert (conf["name"], conf["host"]) == ("motcua", "db.internal")
    assert conf["background"] == "celery"
    assert conf["broker"] == "redis://cache.internal:6379/0"
    assert conf["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_storage_switches_to_s3(tmp_path):
    conf = load(tmp_path, MOTCUA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="motcua-files")
    assert conf["storage"] == "storages.backends.s3.S3Storage"
