"""The fake gateway: pages of this server that play VNPAY (the pay page with Pay / Fail /
Cancel, the signed IPN and return, the merchant API answering querydr and refund from its own
records). Served only while the configured backend is the fake."""
