"""Sample data for previews: every key the default forms read, with invented people."""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day.date(), time(hour, minute)))


def sample_context() -> dict[str, Any]:
    now = timezone.localtime()
    received = _at(now, 9, 15)
    due = _at(now + timedelta(days=1), 10, 0)
    code = f"000.00.20.H56-{received:%y%m%d}-0001"
    return {
        "agency": {
            "governing_body": "Ủy ban nhân dân xã An Bình",
            "name": "Trung tâm Phục vụ hành chính công xã An Bình",
            "reception_unit": "Trung tâm Phục vụ hành chính công xã An Bình",
            "place": "An Bình",
            "phone": "0203 3812 345",
            "lookup_url": "https://dichvucong.anbinh.example.vn/tra-cuu",
        },
        "document": {"number": "125", "symbol": "TNHS", "date": received, "copy": "1"},
        "dossier": {
            "code": code,
            "procedure_name": "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            "procedure_code": "3.000467.H18",
            "case_name": "Cấp bản sao văn bằng tốt nghiệp trung học cơ sở",
            "channel": "Trực tuyến",
            "submitted_at": received - timedelta(hours=17),
            "documents": [
                {
                    "name": "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
                    "form": "Bản chính",
                    "copies": 1,
                    "received": 1,
                },
                {
                    "name": "Căn cước công dân của người yêu cầu",
                    "form": "Bản sao",
                    "copies": 1,
                    "received": 1,
                },
            ],
            "sets": 1,
            "processing_time": "01 ngày làm việc",
            "received_at": received,
            "due_at": due,
            "result_delivery": "Trung tâm Phục vụ hành chính công xã An Bình",
            "register_book": "01/2026",
            "register_entry": "125",
        },
        "applicant": {
            "name": "Nguyễn Thị Minh Hằng",
            "address": "Số 12, thôn Đông Hải, xã An Bình",
            "phone": "0912 345 678",
            "email": "minhhang@example.vn",
        },
        "officer": {"name": "Trần Văn Đức", "phone": "0203 3812 345"},
        "tracking": {
            "url": f"https://dichvucong.anbinh.example.vn/track/{code}/",
            "lookup_url": "https://dichvucong.anbinh.example.vn/track/",
            "secret": "K7QM2XPA9RTE",
        },
        "supplement": {
            "items": [
                "Bản sao Căn cước công dân còn hiệu lực của người yêu cầu",
                "Giấy ủy quyền có chứng thực (nộp thay cho người khác)",
            ],
            "reason": "Căn cước công dân đã nộp hết hạn sử dụng.",
        },
        "refusal": {
            "reason": "Văn bằng được cấp trước năm 1995, sổ gốc do Sở Giáo dục và Đào tạo quản lý; "
            "đề nghị ông/bà liên hệ Sở Giáo dục và Đào tạo để được giải quyết.",
        },
    }
