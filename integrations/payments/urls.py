"""Inbound endpoints of this integration (callbacks, the fake's pages)."""

from django.urls import path

from .fake_gateway import views as fake
from .views import vnpay

app_name = "payments"
urlpatterns = [
    path("vnpay/ipn/", vnpay.ipn, name="vnpay_ipn"),
    path("vnpay/return/", vnpay.return_page, name="vnpay_return"),
    path("fake-gateway/paymentv2/vpcpay.html", fake.pay, name="fake_pay"),
    path("fake-gateway/merchant_webapi/api/transaction", fake.merchant_api, name="fake_api"),
]
