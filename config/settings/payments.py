"""Payments: the payment backend (VNPAY or the fake gateway), its merchant code and secret,
e-invoices.

Every value from the environment, listed in deploy/env.example."""

from .env import env_bool, env_int, env_str  # noqa: F401

# "vnpay" or "vnpay_fake" (the in-process fake gateway, the embedded default); empty: no
# online payment (counter payments only)
MOTCUA_PAYMENT_BACKEND = env_str("MOTCUA_PAYMENT_BACKEND", "vnpay_fake")
# vnp_ReturnUrl is MOTCUA_PUBLIC_URL (settings/dossiers.py) + /payments/vnpay/return/; VNPAY is
# told the IPN address MOTCUA_PUBLIC_URL + /payments/vnpay/ipn/ when the merchant registers
MOTCUA_PAYMENT_EXPIRE_MINUTES = env_int("MOTCUA_PAYMENT_EXPIRE_MINUTES", 15)
MOTCUA_VNPAY_TMN_CODE = env_str("MOTCUA_VNPAY_TMN_CODE")
MOTCUA_VNPAY_HASH_SECRET = env_str("MOTCUA_VNPAY_HASH_SECRET")
MOTCUA_VNPAY_PAY_URL = env_str(
    "MOTCUA_VNPAY_PAY_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
)
MOTCUA_VNPAY_API_URL = env_str(
    "MOTCUA_VNPAY_API_URL", "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
)
# Seconds to wait for the merchant API (querydr, refund) before trying again later
MOTCUA_VNPAY_TIMEOUT = env_int("MOTCUA_VNPAY_TIMEOUT", 15)
# This server's address as sent in vnp_IpAddr of querydr and refund requests
MOTCUA_VNPAY_SERVER_IP = env_str("MOTCUA_VNPAY_SERVER_IP", "127.0.0.1")
# Minutes an attempt stays pending before querydr asks the gateway about it
MOTCUA_PAYMENT_QUERY_AFTER_MINUTES = env_int("MOTCUA_PAYMENT_QUERY_AFTER_MINUTES", 5)
# The e-invoice provider issuing legal e-receipts (Decree 123/2020): "fake" for now
MOTCUA_EINVOICE_BACKEND = env_str("MOTCUA_EINVOICE_BACKEND", "fake")
