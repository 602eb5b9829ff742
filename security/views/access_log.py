"""The access-log review pages (S2, CTER 15.1e): the log with its filters and unusual reads,
one dossier's trail, and the reviews per period with their sign-off. Only the FG and the
uitvoerder of a Veiligheidshuis reach them (`security.permissions`); anyone else gets 404.
Each display of the log is a search, logged (`record_search`)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from config.pages import CappedPaginator, SortedListMixin, add_service_errors
from security.anomalies import Reason
from security.forms.access_log import READ_KIND_LABELS, AccessLogFilterForm, SignOffForm
from security.models import AccessReview, AuditEntry
from security.permissions import may_oversee, overseen_regions
from security.selectors import access_log
from security.services.access_review import period_of, periods, sign_off
from subjects import registry
from subjects.registry import DossierRef

PAGE_SIZE = 25
ACTION_LABELS = {
    AuditEntry.Action.CREATE: _("Created"),
    AuditEntry.Action.UPDATE: _("Changed"),
    AuditEntry.Action.DELETE: _("Deleted"),
    AuditEntry.Action.ACCESS: _("Read"),
}
REASON_LABELS = dict(Reason.choices)


class OverseerMixin:
    """404 for who oversees no Veiligheidshuis: the log does not exist for them."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_oversee(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def describe(entries, flagged: dict[int, list[str]]) -> None:
    """What each row shows: the kind of action in words and why it stands out."""
    for entry in entries:
        label = ACTION_LABELS.get(entry.action, "")
        kind = (entry.additional_data or {}).get("read") if entry.additional_data else None
        entry.action_label = READ_KIND_LABELS.get(kind, label) if kind else label
        entry.reasons = [REASON_LABELS[code] for code in flagged.get(entry.pk, ())]
        entry.kind_label = entry.content_type.name if entry.content_type_id else ""


class AccessLogView(OverseerMixin, SortedListMixin, TemplateView):
    """U2: the entries newest first unless a column (time, user, party, action) is asked; the
    filters stay set (`SortedListMixin`) until cleared. Which columns sort is the selector's
    rule (`access_log.SORTS`)."""

    template_name = "security/access_log/log.html"
    sorts = access_log.SORTS
    default_sort = access_log.DEFAULT_SORT

    def get_context_data(self, **kwargs):
        request, user = self.request, self.request.user
        form = AccessLogFilterForm(request.GET or None, viewer=user)
        context = {"form": form}
        if request.GET and not form.is_valid():
            return super().get_context_data(**context, entries=None, **kwargs)
        filters = form.filters() if request.GET else access_log.Filters()
        access_log.record_search(user, filters)
        entries = access_log.search(user, filters, sort=self.sort)
        part = access_log.search_part(user, filters)
        summary = access_log.anomaly_summary(user, filters)
        if filters.unusual:
            entries = entries.filter(summary["rules"].condition())
        paginator = CappedPaginator(entries, PAGE_SIZE, part=part)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        describe(page.object_list, access_log.anomalies_of(page.object_list))
        summary["days"] = [
            {**day, "reasons": [(REASON_LABELS[c], n) for c, n in day["reasons"].items()]}
            for day in summary["days"]
        ]
        return super().get_context_data(
            **context,
            entries=page,
            paginator=page.paginator,
            filters=filters,
            summary=summary,
            searches=access_log.recent_searches(user),
            **kwargs,
        )


class DossierTrailView(OverseerMixin, TemplateView):
    """One dossier's trail, oldest first, as far as the overseer sees it."""

    template_name = "security/access_log/trail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        ref = DossierRef(self.kwargs["file_label"], self.kwargs["key"])
        try:
            registry.get(ref.file_label)
        except KeyError:
            raise Http404 from None
        access_log.record_search(user, {"file_label": ref.file_label, "dossier": ref.key})
        page = Paginator(access_log.dossier_trail(user, ref), PAGE_SIZE * 4).get_page(
            self.request.GET.get("page")
        )
        page.object_list = list(page.object_list)
        describe(page.object_list, access_log.anomalies_of(page.object_list))
        return super().get_context_data(ref=ref, entries=page, **kwargs)


class ReviewListView(OverseerMixin, TemplateView):
    template_name = "security/access_log/reviews.html"

    def get_context_data(self, **kwargs):
        regions = overseen_regions(self.request.user).prefetch_related(
            "access_reviews__signed_off_by"
        )
        return super().get_context_data(
            regions=[{"region": region, "periods": periods(region)} for region in regions],
            **kwargs,
        )


class SignOffView(OverseerMixin, FormView):
    template_name = "security/access_log/sign_off.html"
    form_class = SignOffForm

    def dispatch(self, request, *args, **kwargs):
        regions = overseen_regions(request.user) if request.user.is_authenticated else None
        if regions is not None:
            self.region = get_object_or_404(regions, code=kwargs["region"])
            try:
                start = date.fromisoformat(kwargs["start"])
            except ValueError:
                raise Http404 from None
            self.period = period_of(start)
            if self.period.start != start:
                raise Http404
            self.review = AccessReview.objects.filter(
                veiligheidshuis=self.region, period_start=start
            ).first()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            region=self.region, period=self.period, review=self.review, **kwargs
        )

    def form_valid(self, form):
        try:
            sign_off(
                self.region,
                self.period.start,
                by=self.request.user,
                findings=form.cleaned_data["findings"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The review of the period is signed off."))
        return redirect("security:access-reviews")
