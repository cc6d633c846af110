"""QR codes (segno, pure Python) as PNG data URIs, the only images a document may hold."""

import segno

ERROR_LEVEL = "m"
SCALE = 4  # pixels per module in the PNG; the printed size is set by CSS
BORDER = 4  # the quiet zone the QR specification asks for, in modules


def qr_make(url: str) -> segno.QRCode:
    """The QR code for ``url``: always a full QR code (never Micro QR), error level M."""
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def qr_data_uri(url: str) -> str:
    return qr_make(url).png_data_uri(scale=SCALE, border=BORDER)
