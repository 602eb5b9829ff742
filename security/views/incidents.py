"""The pages of the incident register (S3). Thin: who sees what is asked of
`security.services.incidents`, every change is a call to it, and its refusals are shown on the
form, which keeps the input. The register does not exist (404) for anyone but the overseers of
the incident's Veiligheidshuis; reporting is open to anyone who may act."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from config.audit import ReadKind, log_reads
from config.pages import PAGE_SIZE, SessionSearchMixin, SortedListMixin, add_service_errors
from security.forms.incidents import (
    AssessmentForm,
    CloseForm,
    NotificationForm,
    ReportForm,
    SearchForm,
)
from security.models.incidents import Incident
from security.permissions import overseen_regions
from security.services import incident_export
from security.services import incidents as service
from security.services.breach_clock import clock_of


class ReporterMixin:
    def dispatch(self, request, *args, **kwargs):
        if not service.may_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReportView(ReporterMixin, FormView):
    template_name = "security/incidents/report.html"
    form_class = ReportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regions": service.report_regions(self.request.user)}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            incident = service.report_incident(
                by=self.request.user,
                what_happened=data["what_happened"],
                discovered_at=data["discovered_at"],
                affected=data["affected"],
                veiligheidshuis=data["veiligheidshuis"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
            return self.form_invalid(form)
        return redirect("security:incident-reported", number=incident.number)


class ReportedView(ReporterMixin, TemplateView):
    """The reporter's confirmation: the number, nothing more of the register."""

    template_name = "security/incidents/reported.html"

    def get_context_data(self, **kwargs):
        incident = get_object_or_404(
            Incident, number=self.kwargs["number"], reported_by=self.request.user
        )
        kwargs["number"] = incident.number
        return super().get_context_data(**kwargs)


class OverseerMixin:
    """The register exists only for its overseers: 404 for anyone else."""

    def dispatch(self, request, *args, **kwargs):
        if not service.may_see_register(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class IncidentMixin(OverseerMixin):
    def dispatch(self, request, *args, **kwargs):
        if service.may_see_register(request.user):
            self.incident = get_object_or_404(
                service.visible_incidents(request.user).select_related("veiligheidshuis"),
                number=kwargs["number"],
            )
        return super().dispatch(request, *args, **kwargs)

    below_detail = True  # a page under the incident's page: its breadcrumb leads back (U1)

    def get_context_data(self, **kwargs):
        if self.below_detail:
            crumb = {
                "label": _("Incident %(number)s") % {"number": self.incident.number},
                "url": reverse("security:incident-detail", args=[self.incident.number]),
            }
            kwargs.setdefault("breadcrumbs", [crumb])
        return super().get_context_data(
            incident=self.incident, clock=clock_of(self.incident), **kwargs
        )

    def detail(self):
        return redirect("security:incident-detail", number=self.incident.number)


class IncidentListView(OverseerMixin, SortedListMixin, SessionSearchMixin, ListView):
    """U2: open incidents first, the earliest discovered (the oldest 72-hour clock) first; the
    search term stays out of the URL, the other filters stay set."""

    template_name = "security/incidents/list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "incidents"
    search_session_key = "incident_search"
    url_filters = ("kind", "state", "region")
    sorts = {
        "open": ("closed", "discovered_at"),
        "number": ("number",),
        "discovered": ("discovered_at",),
        "region": ("veiligheidshuis__name",),
        "kind": ("kind",),
    }
    default_sort = "open"

    def get(self, request, *args, **kwargs):
        if request.GET.get("filters") == "reset":
            request.session.pop(self.search_session_key, None)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """A search posted replaces the remembered filters with those it sets."""
        response = super().post(request, *args, **kwargs)
        kept = response.url.partition("?")[2]
        if kept:
            request.session[self._remembered_key()] = kept
        else:
            request.session.pop(self._remembered_key(), None)
        return response

    def get_queryset(self):
        self.filters = {name: self.request.GET.get(name, "") for name in self.url_filters}
        found = service.search(self.request.user, q=self.search_term, **self.filters)
        return self.sorted(
            found.annotate(
                closed=Case(
                    When(closed_at__isnull=True, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regions = overseen_regions(self.request.user)
        context.update(
            form=SearchForm(initial={**self.filters, "q": self.search_term}, regions=regions),
            filters=self.filters,
            searching=bool(self.search_term or any(self.filters.values())),
            filters_set=bool(self.search_term or any(self.filters.values())),
            rows=[
                {"incident": incident, "clock": clock_of(incident)}
                for incident in context["incidents"]
            ],
        )
        return context


class IncidentDetailView(IncidentMixin, TemplateView):
    template_name = "security/incidents/detail.html"
    below_detail = False

    def get(self, request, *args, **kwargs):
        log_reads(request, [self.incident], kind=ReadKind.DETAIL)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            files=list(self.incident.files.all()),
            notices=list(self.incident.notices.all()),
            **kwargs,
        )


class AssessmentView(IncidentMixin, FormView):
    template_name = "security/incidents/assessment.html"
    form_class = AssessmentForm

    def get(self, request, *args, **kwargs):
        if self.incident.is_closed:
            return self.detail()
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return AssessmentForm.initial_of(self.incident)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "files": service.region_files(self.incident)}

    def form_valid(self, form):
        try:
            service.update_assessment(
                self.incident, by=self.request.user, **form.service_arguments()
            )
        except ValidationError as error:
            form.add_service_errors(error)
            return self.form_invalid(form)
        messages.success(self.request, _("The register entry has been saved."))
        return self.detail()


class NotificationView(IncidentMixin, FormView):
    template_name = "security/incidents/notification.html"
    form_class = NotificationForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            service.record_notification(
                self.incident,
                by=self.request.user,
                notified_at=data["notified_at"],
                reference=data["reference"],
                late_reasons=data["late_reasons"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
            return self.form_invalid(form)
        messages.success(self.request, _("The notification to the AP has been recorded."))
        return self.detail()


class CloseView(IncidentMixin, FormView):
    template_name = "security/incidents/close.html"
    form_class = CloseForm

    def form_valid(self, form):
        try:
            service.close_incident(self.incident, by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The incident has been closed."))
        return self.detail()


class ApExportView(IncidentMixin, TemplateView):
    """The answers of the AP's notification form, to copy, and as a .txt download."""

    template_name = "security/incidents/ap_export.html"

    def get(self, request, *args, **kwargs):
        log_reads(request, [self.incident], kind=ReadKind.EXPORT)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            text=incident_export.ap_text(self.incident),
            download=reverse("security:incident-ap-text", args=[self.incident.number]),
            **kwargs,
        )


class DownloadView(IncidentMixin, View):
    suffix = ""

    def get(self, request, *args, **kwargs):
        log_reads(request, [self.incident], kind=ReadKind.EXPORT)
        response = self.render()
        name = f"{self.incident.number}-{self.name}.{self.suffix}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ApTextView(DownloadView):
    suffix, name = "txt", "meldformulier"

    def render(self):
        return HttpResponse(
            incident_export.ap_text(self.incident), content_type="text/plain; charset=utf-8"
        )


class RegisterPdfView(DownloadView):
    suffix, name = "pdf", "register"

    def render(self):
        return HttpResponse(
            incident_export.register_pdf(self.incident), content_type="application/pdf"
        )
