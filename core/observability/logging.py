"""Log filters: the request id on every record, and personal data kept out.

Code logs ids and counts, never names, ID numbers, phones or addresses; the
redaction filter is the net under that rule: it masks what looks like a
Vietnamese citizen ID (12 digits), an old ID (9 digits), a phone number or an
email address in the message and its arguments.
"""

import logging
import re

from .context import current_request_id

_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    (re.compile(r"(?<![\d+])(?:\+?84[\s.-]?|0)(?:\d[\s.-]?){8,10}(?![\d])"), "[phone]"),
    (re.compile(r"(?<![\d])\d{12}(?![\d])"), "[id-number]"),
    (re.compile(r"(?<![\d])\d{9}(?![\d])"), "[id-number]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id() or "-"
        return True


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            try:
                record.msg = record.getMessage()
            except (TypeError, ValueError):
                record.msg = str(record.msg)
            record.args = None
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True
