"""The shipped Vietnamese templates (version 1 of each event and channel), installed by the
migration 0002 and restorable from the admin like any other version."""

from typing import Any

_TRACK = "Tra cứu: {track_url}"

# (event, channel) -> (subject, body). SMS bodies are short: Vietnamese with diacritics is
# UCS-2, 70 characters a segment (the admin shows the count).
DEFAULTS: dict[tuple[str, str], tuple[str, str]] = {
    ("received", "email"): (
        "Đã nhận hồ sơ {code}",
        "Kính gửi Quý ông/bà,\n\nHồ sơ {code} (thủ tục: {procedure}) đã được gửi đến cơ quan "
        "ngày {received_date}. Cơ quan sẽ kiểm tra hồ sơ và thông báo ngày hẹn trả kết quả khi "
        "tiếp nhận.\n\n" + _TRACK,
    ),
    ("received", "sms"): ("", "Đã nhận hồ sơ {code} ngày {received_date}. " + _TRACK),
    ("accepted", "email"): (
        "Hồ sơ {code} đã được tiếp nhận giải quyết",
        "Kính gửi Quý ông/bà,\n\nHồ sơ {code} (thủ tục: {procedure}) đủ điều kiện và đã được "
        "tiếp nhận giải quyết. Ngày hẹn trả kết quả: {appointment_date}.\n\n" + _TRACK,
    ),
    ("accepted", "sms"): (
        "",
        "Hồ sơ {code} đã được tiếp nhận, hẹn trả kết quả {appointment_date}.",
    ),
    ("refused", "email"): (
        "Hồ sơ {code} không được tiếp nhận",
        "Kính gửi Quý ông/bà,\n\nHồ sơ {code} (thủ tục: {procedure}) không được tiếp nhận. "
        "Lý do: {reason}\n\n" + _TRACK,
    ),
    ("refused", "sms"): ("", "Hồ sơ {code} không được tiếp nhận. Chi tiết: {track_url}"),
    ("supplementation_requested", "email"): (
        "Hồ sơ {code} cần bổ sung",
        "Kính gửi Quý ông/bà,\n\nHồ sơ {code} (thủ tục: {procedure}) cần được bổ sung, hoàn "
        "thiện. Nội dung: {reason}\n\nVui lòng bổ sung hồ sơ tại: {track_url}",
    ),
    ("supplementation_requested", "sms"): ("", "Hồ sơ {code} cần bổ sung. Chi tiết: {track_url}"),
    ("fee_due", "email"): (
        "Hồ sơ {code}: thông báo nộp phí, lệ phí",
        "Kính gửi Quý ông/bà,\n\nHồ sơ {code} (thủ tục: {procedure}) cần nộp phí, lệ phí: "
        "{amount} đồng.\n\n" + _TRACK,
    ),
    ("fee_due", "sms"): ("", "Hồ sơ {code}: vui lòng nộp phí {amount} đồng. {track_url}"),
    ("fee_paid", "email"): (
        "Hồ sơ {code}: đã nhận phí, lệ phí",
        "Kính gửi Quý ông/bà,\n\nĐã nhận {amount} đồng phí, lệ phí của hồ sơ {code} "
        "(biên lai số {receipt_number}).\n\n" + _TRACK,
    ),
    ("fee_paid", "sms"): ("", "Hồ sơ {code}: đã nhận phí {amount} đồng."),
    ("stopped", "email"): (
        "Hồ sơ {code} đã dừng xử lý",
        "Kính gửi Quý ông/bà,\n\nHồ sơ {code} (thủ tục: {procedure}) đã dừng xử lý. "
        "Lý do: {reason}\n\n" + _TRACK,
    ),
    ("stopped", "sms"): ("", "Hồ sơ {code} đã dừng xử lý. Chi tiết: {track_url}"),
    ("result_ready", "email"): (
        "Hồ sơ {code} đã có kết quả",
        "Kính gửi Quý ông/bà,\n\nHồ sơ {code} (thủ tục: {procedure}) đã có kết quả giải quyết."
        "\n\n" + _TRACK,
    ),
    ("result_ready", "sms"): ("", "Hồ sơ {code} đã có kết quả. Chi tiết: {track_url}"),
    ("result_returned", "email"): (
        "Hồ sơ {code} đã trả kết quả",
        "Kính gửi Quý ông/bà,\n\nKết quả hồ sơ {code} (thủ tục: {procedure}) đã được trả.\n\n"
        "Cảm ơn Quý ông/bà đã sử dụng dịch vụ. Mời đánh giá mức độ hài lòng tại: {track_url}",
    ),
    ("result_returned", "sms"): ("", "Hồ sơ {code} đã trả kết quả. Cảm ơn Quý ông/bà."),
    ("late_apology", "email"): (
        "Thư xin lỗi: hồ sơ {code} trễ hẹn",
        "Kính gửi Quý ông/bà,\n\nHồ sơ {code} (thủ tục: {procedure}) không thể trả kết quả đúng "
        "hẹn. Lý do: {reason}\n\nChúng tôi thành thật xin lỗi và hẹn trả kết quả vào ngày "
        "{new_date}.\n\n" + _TRACK,
    ),
    ("late_apology", "sms"): ("", "Xin lỗi: hồ sơ {code} trễ hẹn, hẹn lại ngày {new_date}."),
    ("shipped", "email"): (
        "Hồ sơ {code}: kết quả đã gửi qua bưu chính",
        "Kính gửi Quý ông/bà,\n\nKết quả hồ sơ {code} (thủ tục: {procedure}) đã được gửi qua "
        "dịch vụ bưu chính công ích, số hiệu bưu gửi {tracking_number}.\n\n" + _TRACK,
    ),
    ("shipped", "sms"): ("", "Kết quả hồ sơ {code} đã gửi bưu điện, số hiệu {tracking_number}."),
    ("step_warning", "email"): (
        "Sắp đến hạn xử lý hồ sơ {code}",
        'Bước "{step}" của hồ sơ {code} (thủ tục: {procedure}) đến hạn lúc {due_date}.\n\n'
        "Xử lý tại: {workspace_url}",
    ),
    ("step_overdue", "email"): (
        "Quá hạn xử lý hồ sơ {code}",
        'Bước "{step}" của hồ sơ {code} (thủ tục: {procedure}) đã quá hạn từ {due_date}.\n\n'
        "Xử lý tại: {workspace_url}",
    ),
}


def templates_install_defaults(template_model: Any) -> int:
    """Version 1 of each shipped template that has no version yet (the migration passes its
    historical model). Returns how many were created."""
    created = 0
    for (event, channel), (subject, body) in DEFAULTS.items():
        exists = template_model.objects.filter(event=event, channel=channel, language="vi")
        if not exists.exists():
            template_model.objects.create(
                event=event, channel=channel, language="vi", version=1, subject=subject, body=body
            )
            created += 1
    return created
