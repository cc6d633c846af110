"""Definitions used by the BPMN and admin tests: one per node kind and a realistic procedure."""

from workflows.definitions.model import (
    AgencyRef,
    AgencySource,
    BoundaryTimer,
    Branch,
    Definition,
    Duration,
    DurationUnit,
    Node,
    NodeKind,
)

K = NodeKind


def days(n: int, unit: DurationUnit = DurationUnit.WORKING_DAYS) -> Duration:
    return Duration(n, unit)


def realistic() -> Definition:
    """Land-use certificate: reception, supplementation, routing, parallel checks, fee, end.

    It uses every BPMN construct of the subset (it loads; the graph is not meant to be
    published: the reminder path's end would finish the dossier).
    """
    return Definition(
        name="Cấp giấy chứng nhận quyền sử dụng đất",
        nodes=(
            Node("submitted", K.START, name="Nộp hồ sơ", next="reception"),
            Node(
                "reception",
                K.USER_TASK,
                name="Tiếp nhận hồ sơ",
                role="reception",
                agency=AgencyRef(AgencySource.RECEIVING),
                form="reception_check",
                budget=days(1),
                outcomes=(
                    ("accept", "route"),
                    ("supplement", "wait_supplement"),
                    ("refuse", "refused"),
                ),
                boundary_timers=(
                    BoundaryTimer(
                        "reception_late",
                        days(1),
                        "notify_late",
                        interrupting=True,
                        name="Quá hạn tiếp nhận",
                    ),
                ),
            ),
            Node(
                "notify_late",
                K.SERVICE_TASK,
                name="Nhắc việc",
                handler="notify.overdue",
                retries=2,
                next="reception",  # notify, then the reception task again
            ),
            Node(
                "wait_supplement",
                K.WAIT_EVENT,
                name="Chờ bổ sung",
                event="supplementation_received",
                next="reception",
            ),
            Node(
                "route",
                K.EXCLUSIVE_GATEWAY,
                name="Diện tích > 500 m²?",
                branches=(
                    Branch("data.area > 500 and data.kind == 'agri'", "checks"),
                    Branch("data.urgent", "review"),
                ),
                default="checks",
            ),
            Node("checks", K.PARALLEL_SPLIT, targets=("tax", "survey")),
            Node(
                "tax",
                K.SERVICE_TASK,
                name="Xác định nghĩa vụ tài chính",
                handler="tax.compute",
                retries=5,
                next="checked",
                on_error="tax_manual",
            ),
            Node(
                "tax_manual",
                K.USER_TASK,
                role="specialist",
                agency=AgencyRef(AgencySource.FIXED, "000.00.12.H98"),
                budget=Duration(4, DurationUnit.WORKING_HOURS),
                outcomes=(("done", "checked"),),
            ),
            Node(
                "survey",
                K.USER_TASK,
                name="Đo đạc <thửa đất> & kiểm tra",
                role="surveyor",
                agency=AgencyRef(AgencySource.FIELD, "land.district_agency"),
                budget=days(3),
                outcomes=(("done", "checked"),),
                boundary_timers=(
                    BoundaryTimer("survey_overdue", days(5), "escalate", interrupting=True),
                    BoundaryTimer("survey_remind", Duration(36, DurationUnit.HOURS), "remind"),
                ),
            ),
            Node("remind", K.SERVICE_TASK, handler="notify.remind", next="reminded"),
            Node("reminded", K.END, result="processed"),
            Node(
                "escalate",
                K.USER_TASK,
                role="leader",
                agency=AgencyRef(AgencySource.COMPETENT),
                outcomes=(("done", "checked"),),
            ),
            Node("checked", K.PARALLEL_JOIN, name="Đủ kết quả", next="review"),
            Node(
                "review",
                K.USER_TASK,
                name="Thẩm định",
                role="specialist",
                agency=AgencyRef(AgencySource.COMPETENT),
                outcomes=(("approve", "pay"), ("reject", "refused")),
            ),
            Node("pay", K.WAIT_EVENT, event="payment_confirmed", next="cooling"),
            Node("cooling", K.TIMER, name="Niêm yết", wait=days(2), next="appointment"),
            Node("appointment", K.TIMER, at="data.appointment_date", next="issued"),
            Node(
                "issued",
                K.TIMER,
                wait=Duration(30, DurationUnit.MINUTES),
                next="done",
            ),
            Node("done", K.END, name="Trả kết quả", result="processed"),
            Node("refused", K.END, name="Từ chối", result="refused"),
        ),
    )


def one_of_each() -> dict[NodeKind, Definition]:
    """For each node kind, a small definition built around one node of that kind."""
    end = Node("end", K.END, result="processed")
    start = Node("start", K.START, next="x")
    return {
        K.START: Definition(nodes=(Node("start", K.START, name="Bắt đầu", next="end"), end)),
        K.END: Definition(
            nodes=(start.__class__("start", K.START, next="end"), Node("end", K.END))
        ),
        K.USER_TASK: Definition(
            nodes=(
                start,
                Node(
                    "x",
                    K.USER_TASK,
                    role="specialist",
                    agency=AgencyRef(AgencySource.FIXED, "000.00.20.H98"),
                    form="review_form",
                    budget=days(2),
                    outcomes=(("ok", "end"), ("again", "x")),
                    boundary_timers=(BoundaryTimer("late", days(3), "end", interrupting=True),),
                ),
                end,
            )
        ),
        K.SERVICE_TASK: Definition(
            nodes=(
                start,
                Node("x", K.SERVICE_TASK, handler="h.one", retries=0, next="end", on_error="end"),
                end,
            )
        ),
        K.EXCLUSIVE_GATEWAY: Definition(
            nodes=(
                start,
                Node(
                    "x",
                    K.EXCLUSIVE_GATEWAY,
                    branches=(Branch("data.fee < 100 or data.free", "end"),),
                    default="end",
                ),
                end,
            )
        ),
        K.PARALLEL_SPLIT: Definition(
            nodes=(
                start,
                Node("x", K.PARALLEL_SPLIT, targets=("a", "b")),
                Node("a", K.SERVICE_TASK, handler="h.a", next="j"),
                Node("b", K.SERVICE_TASK, handler="h.b", next="j"),
                Node("j", K.PARALLEL_JOIN, next="end"),
                end,
            )
        ),
        K.PARALLEL_JOIN: Definition(
            nodes=(
                start,
                Node("x", K.PARALLEL_SPLIT, targets=("j", "j2")),
                Node("j2", K.PARALLEL_JOIN, next="j"),
                Node("j", K.PARALLEL_JOIN, name="Hợp", next="end"),
                end,
            )
        ),
        K.TIMER: Definition(
            nodes=(
                start,
                Node("x", K.TIMER, wait=Duration(2, DurationUnit.CALENDAR_DAYS), next="y"),
                Node("y", K.TIMER, at="data.hearing.date", next="end"),
                end,
            )
        ),
        K.WAIT_EVENT: Definition(
            nodes=(start, Node("x", K.WAIT_EVENT, event="shipment_delivered", next="end"), end)
        ),
    }
