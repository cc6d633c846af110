"""Settings, one module per concern, every value from the environment.

The embedded default (no variables set) is SQLite in WAL mode, background work
in-process and the fake integrations; ``DATABASE_URL``, ``REDIS_URL`` and the
storage variables switch to PostgreSQL, Redis + Celery and S3 with no code change.
"""

from .accounts import *  # noqa: F403
from .api import *  # noqa: F403
from .background import *  # noqa: F403
from .base import *  # noqa: F403
from .database import *  # noqa: F403
from .dossiers import *  # noqa: F403
from .logs import *  # noqa: F403
from .notify import *  # noqa: F403
from .payments import *  # noqa: F403
from .portal_sync import *  # noqa: F403
from .postal import *  # noqa: F403
from .security import *  # noqa: F403
from .signing import *  # noqa: F403
from .soap import *  # noqa: F403
from .storage import *  # noqa: F403
from .tracking import *  # noqa: F403
