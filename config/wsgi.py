"""WSGI entry point (gunicorn in production, runserver on the embedded default).

On the embedded default (no Redis) the in-process dispatcher starts here, so it
runs in the serving process only, never in migrate or other commands.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from core.background import start_embedded_dispatcher  # noqa: E402

start_embedded_dispatcher()
