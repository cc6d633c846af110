"""The officer workspace (/workspace/): queues, tasks, files, counter and postal reception."""

from django.urls import path

from . import (
    actions,
    apology,
    control_slip,
    counter_payments,
    home,
    preview,
    queues,
    reception,
    register,
    shipments,
    stop,
    tasks,
    withdrawals,
)
from . import portal_sync as portal_sync_views
from . import signing as signing_views

app_name = "workspace"
urlpatterns = [
    path("", home.home, name="home"),
    path("queues/<slug:queue>/", queues.queue_list, name="queue"),
    path("tasks/<int:task_id>/", tasks.task_detail, name="task"),
    path("tasks/<int:task_id>/claim/", actions.task_claim, name="task-claim"),
    path("tasks/<int:task_id>/release/", actions.task_release, name="task-release"),
    path("tasks/<int:task_id>/reassign/", actions.task_reassign_view, name="task-reassign"),
    path("tasks/<int:task_id>/outcome/<slug:kind>/", actions.task_outcome, name="task-outcome"),
    path("tasks/<int:task_id>/sign/retry/", signing_views.task_sign_retry, name="task-sign-retry"),
    path("tasks/<int:task_id>/sign/usb/", signing_views.task_sign_usb, name="task-sign-usb"),
    path("tasks/<int:task_id>/ship/", shipments.task_ship, name="task-ship"),
    path("tasks/<int:task_id>/apology/", apology.task_apologise, name="task-apologise"),
    path("tasks/<int:task_id>/stop/", stop.task_stop, name="task-stop"),
    path(
        "tasks/<int:task_id>/control-slip/",
        control_slip.task_control_slip,
        name="task-control-slip",
    ),
    path("register/", register.register_page, name="register"),
    path(
        "attachments/<int:attachment_id>/preview/",
        preview.attachment_preview,
        name="attachment-preview",
    ),
    path("reception/new/", reception.reception_choose, name="reception-new"),
    path(
        "reception/new/<int:agency_id>/<int:case_id>/",
        reception.reception_form,
        name="reception-form",
    ),
    path("reception/<int:dossier_id>/", reception.reception_done, name="reception-done"),
    path("documents/<int:document_id>/preview/", preview.document_preview, name="document-preview"),
    path("portal-sync/", portal_sync_views.portal_sync_page, name="portal-sync"),
    path("withdrawals/", withdrawals.withdrawal_list, name="withdrawals"),
    path(
        "withdrawals/<int:dossier_id>/confirm/",
        withdrawals.withdrawal_confirm,
        name="withdrawal-confirm",
    ),
    path("fees/", counter_payments.fees_home, name="fees"),
    path("fees/<int:fee_id>/counter/", counter_payments.fee_counter, name="fee-counter"),
    path(
        "fees/flags/<int:flag_id>/resolve/",
        counter_payments.flag_resolve,
        name="fee-flag-resolve",
    ),
]
