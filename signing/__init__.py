"""Documents: templates rendered to PDF, digital signatures, verification."""
