"""What a portal call can end in besides success. Messages never carry personal data: the
exception's class, an HTTP status or the portal's error code and its short message."""


class PortalUnavailable(Exception):
    """Retrying may help: a timeout, a refused connection, an HTTP 5xx, a garbled answer,
    a session the portal would not give."""


class PortalRejected(Exception):
    """The portal refused the request itself (a business error): sending the same body
    again cannot help."""

    def __init__(self, code: str, message: str = "") -> None:
        self.code = code
        super().__init__(f"portal error {code}: {message}"[:250])
