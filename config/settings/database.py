"""The database: SQLite (WAL) by default, anything dj-database-url reads from DATABASE_URL."""

import dj_database_url

from .env import VAR_DIR, env_int, env_str

_url = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the web requests read while the in-process dispatcher writes;
    # IMMEDIATE transactions take the write lock up front instead of failing
    # half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("MOTCUA_TEST_SQLITE_NAME") or None}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["TEST"] = {"NAME": env_str("MOTCUA_TEST_DB_NAME") or None}
