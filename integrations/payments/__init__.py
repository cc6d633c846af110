"""Online and counter fee payments: VNPAY 2.1.0 and its in-process fake gateway, receipts,
e-invoices.

Imports only ``core`` (and libraries): never the workflow layer nor another integration."""
