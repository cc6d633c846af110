"""The public verification of a signed document: upload a PDF or follow its QR code."""
