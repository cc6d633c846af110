"""Admin: the calendar's days (per year, per agency, with their source), a year's resulting
calendar for an agency, and office hours."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.calendar.hours import DEFAULT_SCHEDULE, schedule_errors
from workflows.calendar.memo import calendar_for
from workflows.calendar.year import year_days
from workflows.models import Agency, CalendarDay, OfficeHours

WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


class ScopeFilter(admin.SimpleListFilter):
    title = _("scope")
    parameter_name = "scope"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("province", _("Whole province")), ("agency", _("One agency and its subtree"))]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "province":
            return queryset.filter(agency__isnull=True)
        if self.value() == "agency":
            return queryset.filter(agency__isnull=False)
        return queryset


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "weekday", "kind", "name", "scope", "source"]
    list_filter = ["kind", ScopeFilter, ("agency", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "day"
    search_fields = ["name", "source", "agency__code", "agency__name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    fields = ["day", "kind", "name", "agency", "source", "created_by", "created_at", "updated_at"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    change_list_template = "admin/workflows/calendarday/change_list.html"

    @admin.display(description=_("weekday"))
    def weekday(self, obj: CalendarDay) -> str:
        return str(WEEKDAYS[obj.day.weekday()][1])

    @admin.display(description=_("scope"), ordering="agency__path")
    def scope(self, obj: CalendarDay) -> str:
        return str(obj.agency) if obj.agency else str(_("Whole province"))

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        if not change and request.user.is_authenticated:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.year_view)
        return [path("year/", view, name="workflows_calendarday_year"), *super().get_urls()]

    def year_view(self, request: HttpRequest) -> TemplateResponse:
        """A year's resulting calendar for an agency (the province without one)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        raw_year = request.GET.get("year", "")
        year = int(raw_year) if raw_year.isdigit() else timezone.localdate().year
        year = min(max(year, 1990), 2100)
        raw_agency = request.GET.get("agency", "")
        agency = Agency.objects.filter(pk=raw_agency).first() if raw_agency.isdigit() else None
        calendar = calendar_for(agency)
        hours = [
            (name, calendar.schedule.get(weekday, ()))
            for weekday, name in WEEKDAYS
            if calendar.schedule.get(weekday)
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Calendar of %(year)s: %(scope)s")
            % {"year": year, "scope": agency or _("Whole province")},
            "year": year,
            "years": range(year - 2, year + 3),
            "agency": agency,
            "agencies": Agency.objects.filter(active=True).only("id", "code", "name", "depth"),
            "days": year_days(year, agency),
            "hours": hours,
            "cutoff": calendar.cutoff,
        }
        return TemplateResponse(request, "admin/workflows/calendarday/year.html", context)


def _hours_text(intervals: list[list[str]]) -> str:
    return ", ".join(f"{opens}-{closes}" for opens, closes in intervals)


def _day_field(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=help_text)


class OfficeHoursForm(forms.ModelForm):
    """One text field per weekday ("08:00-12:00, 13:00-17:00"; empty: closed) instead of
    the schedule's JSON."""

    day_1 = _day_field(WEEKDAYS[0][1], _("e.g. 08:00-12:00, 13:00-17:00; empty: closed"))
    day_2 = _day_field(WEEKDAYS[1][1])
    day_3 = _day_field(WEEKDAYS[2][1])
    day_4 = _day_field(WEEKDAYS[3][1])
    day_5 = _day_field(WEEKDAYS[4][1])
    day_6 = _day_field(WEEKDAYS[5][1])
    day_7 = _day_field(WEEKDAYS[6][1])

    class Meta:
        model = OfficeHours
        fields = ["agency", "schedule", "cutoff"]
        widgets = {"schedule": forms.HiddenInput}  # built from the weekday fields

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["schedule"].required = False
        schedule = self.instance.schedule if self.instance.pk else None
        if schedule is None:
            schedule = {
                str(day): [[f"{a:%H:%M}", f"{b:%H:%M}"] for a, b in hours]
                for day, hours in DEFAULT_SCHEDULE.items()
            }
        for weekday, _name in WEEKDAYS:
            self.fields[f"day_{weekday}"].initial = _hours_text(schedule.get(str(weekday), []))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        schedule: dict[str, list[list[str]]] = {}
        for weekday, _name in WEEKDAYS:
            text = (cleaned.get(f"day_{weekday}") or "").strip()
            if text:
                intervals = [part.strip() for part in text.split(",") if part.strip()]
                schedule[str(weekday)] = [
                    [piece.strip() for piece in interval.split("-", 1)] for interval in intervals
                ]
        cleaned["schedule"] = schedule
        errors = schedule_errors(schedule)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    form = OfficeHoursForm
    list_display = ["agency", "cutoff", "updated_at"]
    search_fields = ["agency__code", "agency__name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    fields = ["agency", *(f"day_{weekday}" for weekday, _name in WEEKDAYS), "cutoff", "schedule"]
