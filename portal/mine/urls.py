from django.urls import path

from portal.mine import notifications, pay, views

app_name = "mine"
urlpatterns: list = [
    path("", views.home, name="home"),
    path("drafts/<int:draft_id>/delete/", views.draft_remove, name="draft-delete"),
    path("dossiers/<str:code>/", views.dossier, name="dossier"),
    path("dossiers/<str:code>/supplement/", views.supplement, name="supplement"),
    path("dossiers/<str:code>/withdraw/", views.withdraw, name="withdraw"),
    path("dossiers/<str:code>/rate/", views.rate, name="rate"),
    path("dossiers/<str:code>/notifications/", notifications.channels, name="notify-channels"),
    path("dossiers/<str:code>/fees/<int:fee_id>/pay/", pay.pay, name="pay"),
    path("dossiers/<str:code>/fees/<int:fee_id>/check/", pay.check, name="pay-check"),
    path("dossiers/<str:code>/documents/<int:document_id>/", views.document, name="document"),
]
