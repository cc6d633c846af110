"""Inbound pages of the payments integration (the IPN, the return page, the fake gateway)."""
