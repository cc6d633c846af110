"""Form schemas of procedures: validate, render, attachments."""
