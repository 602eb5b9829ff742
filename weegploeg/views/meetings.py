"""The weegploeg meetings (W7)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from config.audit import log_access_many
from config.pages import PAGE_SIZE, add_service_errors
from parties.models import Party
from weegploeg import forms, services
from weegploeg.constants import AssessmentStatus
from weegploeg.models import Meeting
from weegploeg.permissions import keepable_assessments
from weegploeg.views.access import KeeperMixin


class MeetingListView(KeeperMixin, ListView):
    template_name = "weegploeg/meeting_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "meetings"

    def get_queryset(self):
        return (
            Meeting.objects.filter(veiligheidshuis__in=self.regions)
            .select_related("veiligheidshuis")
            .prefetch_related(Prefetch("present", queryset=Party.objects.order_by("name")))
            .annotate(item_count=Count("items"))
            .order_by("-held_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filters={}, **kwargs)


class MeetingCreateView(KeeperMixin, FormView):
    template_name = "weegploeg/meeting_form.html"
    form_class = forms.MeetingForm

    def get_form_kwargs(self):
        agenda = (
            keepable_assessments(self.request.user)
            .filter(status=AssessmentStatus.OPEN)
            .order_by("number")
        )
        return {**super().get_form_kwargs(), "regions": self.regions, "assessments": agenda}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meeting = services.hold_meeting(
                by=self.request.user,
                region=data.get("region") or self.regions.first(),
                held_on=data["held_on"],
                present=data["present"],
                assessments=data["assessments"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, _("The meeting has been recorded."))
        return redirect("weegploeg:meeting-detail", pk=meeting.pk)


class MeetingDetailView(KeeperMixin, TemplateView):
    """The agenda of one session with what was discussed and decided per assessment. Each item
    has its own small form; every view writes an access entry per dossier shown (S2)."""

    template_name = "weegploeg/meeting_detail.html"

    @cached_property
    def meeting(self):
        return get_object_or_404(
            Meeting.objects.select_related("veiligheidshuis").prefetch_related("present"),
            pk=self.kwargs["pk"],
            veiligheidshuis__in=self.regions,
        )

    @cached_property
    def items(self):
        return list(
            self.meeting.items.filter(assessment__in=keepable_assessments(self.request.user))
            .select_related("assessment", "decision")
            .order_by("assessment__number")
        )

    def item_forms(self, bound=None):
        return [
            (
                item,
                bound
                if bound is not None and bound.prefix == f"item-{item.pk}"
                else forms.DiscussionForm(
                    prefix=f"item-{item.pk}",
                    initial={"discussion": item.discussion, "version": self.meeting.version},
                ),
            )
            for item in self.items
        ]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_access_many([item.assessment for item in self.items])
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, items=self.item_forms(kwargs.pop("bound", None)), **kwargs
        )

    def post(self, request, *args, **kwargs):
        item = next(
            (item for item in self.items if str(item.pk) == request.POST.get("item", "")), None
        )
        if item is None:
            raise Http404
        form = forms.DiscussionForm(request.POST, prefix=f"item-{item.pk}")
        if form.is_valid():
            try:
                services.record_discussion(
                    item,
                    by=request.user,
                    discussion=form.cleaned_data["discussion"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as denied:
                raise Http404 from denied
            else:
                messages.success(
                    request,
                    _("The discussion of %(number)s has been recorded.")
                    % {"number": item.assessment.number},
                )
                return redirect("weegploeg:meeting-detail", pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(bound=form))
