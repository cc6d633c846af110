"""Calling one of this server's own URLs through Django's handler, in-process.

The fake gateway uses it to send its IPN to our IPN endpoint and to serve the fake
backend's merchant API: the request goes through the middleware, the URL resolver and the
real view, as VNPAY's would, without depending on the site being reachable over the network
from the worker (the embedded default has no known address of its own). No request signals
are sent (not even request_finished), so the caller's database connection is left alone."""

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.urls import get_urlconf, set_urlconf
from django.utils import translation


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and "*" not in host:
            return host.lstrip(".")
    return "localhost"


def call(*, method: str, url: str, body: bytes = b"", content_type: str = "") -> tuple[int, bytes]:
    """Send ``method url`` (a path with an optional query) to this site; (status, content)."""
    parts = urlsplit(url)
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SERVER_NAME": _host(),
        "SERVER_PORT": "443",
        "HTTP_HOST": _host(),
        "REMOTE_ADDR": "127.0.0.1",
        "SCRIPT_NAME": "",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "https",
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        environ[proxy_header[0]] = proxy_header[1]
    handler = BaseHandler()
    handler.load_middleware()
    # the inner request may run inside an outer one ("check again" asks the fake's API):
    # the language and URLconf its middleware set for this thread are the outer one's again
    urlconf = get_urlconf()
    try:
        with translation.override(translation.get_language()):
            response = handler.get_response(WSGIRequest(environ))
            content = b"".join(response)  # iterating serves streaming and plain responses
            # no response.close(): it sends request_finished, which closes this thread's
            # database connection (the caller's, perhaps inside its transaction)
    finally:
        set_urlconf(urlconf)
    return response.status_code, content
