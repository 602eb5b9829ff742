"""Case meetings (C4)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from cases import forms, meeting_services, selectors
from config.pages import PAGE_SIZE, add_service_errors
from config.read_audit import AccessLoggedPageMixin
from parties.models import Party


class MeetingMixin:
    """Who sees no case meeting at all gets 404 (ADR 0011)."""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_see_meetings(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class MeetingListView(MeetingMixin, ListView):
    """The meetings the user sees (ADR 0011), with the number of cases shown to them."""

    template_name = "cases/meeting_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "meetings"

    def get_queryset(self):
        user = self.request.user
        shown = Q(discussions__in=selectors.visible_discussions(user).values("pk"))
        return (
            selectors.meetings_for(user)
            .select_related("casusoverleg", "chair")
            .prefetch_related(Prefetch("attendees", queryset=Party.objects.order_by("name")))
            .annotate(case_count=Count("discussions", filter=shown, distinct=True))
            .order_by("-held_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters={}, may_keep=selectors.kept_overleggen(self.request.user).exists(), **kwargs
        )


class MeetingCreateView(FormView):
    template_name = "cases/meeting_form.html"
    form_class = forms.MeetingForm

    def dispatch(self, request, *args, **kwargs):
        self.overleggen = selectors.kept_overleggen(request.user).order_by("name")
        if not self.overleggen.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        overleggen = self.overleggen
        return {
            **super().get_form_kwargs(),
            "overleggen": overleggen,
            "chairs": selectors.chairs_of(overleggen),
            "parties": selectors.meeting_parties(overleggen),
            "cases": selectors.agenda_choices(self.request.user, overleggen),
        }

    def form_valid(self, form):
        try:
            meeting = meeting_services.hold_meeting(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, _("The meeting has been recorded."))
        return redirect("cases:meeting-detail", pk=meeting.pk)


class MeetingDetailView(MeetingMixin, AccessLoggedPageMixin, TemplateView):
    """The agenda of a meeting as the user sees it (ADR 0011): per case the measures due or
    overdue, and for the chair and the keeper a form per case for what the discussion ended
    with; the chair approves the minutes, after which the page is read-only. Every view writes
    an access entry per case shown (S2)."""

    template_name = "cases/meeting_detail.html"

    @cached_property
    def meeting(self):
        meeting = selectors.get_meeting_for(self.request.user, self.kwargs["pk"])
        prefetch_related_objects(
            [meeting], Prefetch("attendees", queryset=Party.objects.order_by("name"))
        )
        return meeting

    @cached_property
    def items(self):
        return selectors.agenda_for(self.request.user, self.meeting)

    def dossiers_read(self):
        return [item.case for item in self.items]

    @cached_property
    def casemanagers(self):
        """Users acting for a party taking part in one of the cases on the agenda."""
        return list(selectors.casemanager_choices([item.case for item in self.items]))

    @property
    def is_open(self):
        return self.meeting.approved_at is None

    def item_forms(self, bound=None):
        result = []
        for item in self.items:
            prefix = f"case-{item.discussion.pk}"
            if bound is not None and bound.prefix == prefix:
                form = bound
            else:
                discussion = item.discussion
                form = forms.DiscussionForm(
                    prefix=prefix,
                    casemanagers=self.casemanagers,
                    initial={
                        "minutes": discussion.minutes,
                        "approach": discussion.approach,
                        "casemanager": discussion.casemanager_id,
                        "informing": discussion.informing,
                        "version": discussion.version,
                    },
                )
            result.append((item, form))
        return result

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            meeting=self.meeting,
            items=self.item_forms(kwargs.pop("bound", None)),
            is_open=self.is_open,
            may_record=self.is_open
            and (
                meeting_services.is_chair(user, self.meeting)
                or selectors.is_keeper(user, self.meeting.casusoverleg)
            ),
            is_chair=meeting_services.is_chair(user, self.meeting),
            approve_form=kwargs.pop("approve_form", None) or forms.ApproveForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "approve" in request.POST:
            return self.approve(request)
        item = next(
            (i for i in self.items if str(i.discussion.pk) == request.POST.get("discussion", "")),
            None,
        )
        if item is None:
            raise Http404
        form = forms.DiscussionForm(
            request.POST, prefix=f"case-{item.discussion.pk}", casemanagers=self.casemanagers
        )
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                meeting_services.record_discussion(
                    item.discussion,
                    by=request.user,
                    expected_version=data.pop("version"),
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as denied:
                raise Http404 from denied
            else:
                messages.success(
                    request,
                    _("The discussion of %(number)s has been recorded.")
                    % {"number": item.case.number},
                )
                return redirect("cases:meeting-detail", pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(bound=form))

    def approve(self, request):
        if not meeting_services.is_chair(request.user, self.meeting):
            raise Http404
        form = forms.ApproveForm(request.POST)
        if form.is_valid():
            try:
                meeting_services.approve_minutes(self.meeting, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The minutes have been approved."))
                return redirect("cases:meeting-detail", pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(approve_form=form))
