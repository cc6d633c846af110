"""accounts pages (issue 5): sign-up, sign-in, second factor, password reset, OpenID Connect."""

from django.urls import path

from .views import oidc, otp, password, signin, signup

app_name = "accounts"
urlpatterns = [
    path("login/", signin.login, name="login"),
    path("login/code/", otp.verify, name="otp_verify"),
    path("logout/", signin.logout, name="logout"),
    path("otp/setup/", otp.setup, name="otp_setup"),
    path("signup/", signup.signup, name="signup"),
    path("signup/confirm/", signup.confirm, name="signup_confirm"),
    path("signup/resend/", signup.resend, name="signup_resend"),
    path("password/reset/", password.Reset.as_view(), name="password_reset"),
    path("password/reset/sent/", password.ResetDone.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        password.ResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        password.ResetComplete.as_view(),
        name="password_reset_complete",
    ),
    path("oidc/start/", oidc.Start.as_view(), name="oidc_start"),
    path("oidc/callback/", oidc.Callback.as_view(), name="oidc_callback"),
]
