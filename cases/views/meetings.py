"""Case meetings (C4)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case as DbCase
from django.db.models import (
    DurationField,
    F,
    Prefetch,
    Value,
    When,
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from cases import forms, meeting_services, selectors
from config.audit import ReadKind, log_reads
from config.pages import (
    OPEN_FORM,
    PAGE_SIZE,
    SortedListMixin,
    add_service_errors,
    open_form_url,
    page_url,
)
from config.read_audit import AccessLoggedPageMixin
from parties.models import Party


class MeetingMixin:
    """Who sees no case meeting at all gets 404 (ADR 0011)."""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_see_meetings(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class MeetingListView(MeetingMixin, SortedListMixin, ListView):
    """The meetings the user sees (ADR 0011), with the number of cases shown to them. Coming
    meetings first, the nearest first, then the past ones, the latest first, unless sorted
    otherwise; filtered on whether the minutes are approved."""

    template_name = "cases/meeting_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "meetings"
    sorts = {
        "coming": ("past", "distance"),
        "date": ("held_on",),
        "casusoverleg": ("casusoverleg__name", "-held_on"),
        "cases": ("shown_cases",),
    }
    default_sort = "coming"

    def get_queryset(self):
        user = self.request.user
        today = timezone.localdate()
        meetings = (
            selectors.meetings_for(user)
            .select_related("casusoverleg", "chair")
            .prefetch_related(Prefetch("attendees", queryset=Party.objects.order_by("name")))
            .annotate(
                shown_cases=selectors.shown_case_count(user),
                past=DbCase(When(held_on__lt=today, then=Value(1)), default=Value(0)),
                distance=DbCase(
                    When(held_on__gte=today, then=F("held_on") - Value(today)),
                    default=Value(today) - F("held_on"),
                    output_field=DurationField(),
                ),
            )
        )
        minutes = self.request.GET.get("minutes", "")
        if minutes == "open":
            meetings = meetings.filter(approved_at__isnull=True)
        elif minutes == "approved":
            meetings = meetings.filter(approved_at__isnull=False)
        else:
            minutes = ""
        self.filters = {"minutes": minutes}
        return self.sorted(meetings)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            may_keep=selectors.kept_overleggen(self.request.user).exists(),
            today=timezone.localdate(),
            **kwargs,
        )


class MeetingCreateView(FormView):
    template_name = "cases/meeting_form.html"
    form_class = forms.MeetingForm

    def dispatch(self, request, *args, **kwargs):
        self.kept = selectors.kept_overleggen(request.user).order_by("name")
        # Read once, so that the choices' queries hold the casusoverleggen as values (the
        # selectors' plans follow them: `selectors.meeting_parties`).
        self.overleggen = list(self.kept)
        if not self.overleggen:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        overleggen = self.overleggen
        return {
            **super().get_form_kwargs(),
            "overleggen": self.kept,
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
    """The agenda of a meeting as the user sees it (ADR 0011): a summary, then per case the
    measures due or overdue and what the discussion ended with. The chair and the keeper open
    the form of one case at a time (`?vastleggen=<discussion>`; htmx puts it in place of the
    case), which saves in place with htmx and without JavaScript posts and comes back to the
    case on the agenda: a page of 46 cases rendered a form each took 1.7 ms of templates per
    case (issue 13). The agenda is shown a page of cases at a time (`?page=`), its index and
    the count of discussions recorded over all of it: every case shown costs an access entry
    and its rendering (issue 13). The chair's primary action is approving the minutes, after
    which the page is read-only. Every view writes an access entry per case shown (S2)."""

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
        """The whole agenda the user sees; the measures due are read for the items shown."""
        return selectors.agenda_for(self.request.user, self.meeting, measures=False)

    @cached_property
    def shown(self) -> list:
        """The items of the page shown, with their measures due."""
        items = list(self.page_obj.object_list)
        meeting_services.add_measures_due(self.meeting, items)
        return items

    @cached_property
    def page_obj(self):
        """The page of the agenda shown; the agenda is read whole, for its index and count."""
        return Paginator(self.items, PAGE_SIZE).get_page(self.request.GET.get("page"))

    def page_of(self, item) -> int:
        return self.items.index(item) // PAGE_SIZE + 1

    def url_of_page(self, number: int) -> str:
        return page_url(reverse("cases:meeting-detail", kwargs={"pk": self.meeting.pk}), number)

    def item_links(self, number: int) -> dict:
        """The links of the agenda items of page `number`: the page itself (the form posts to
        it and Cancel returns to it) and the start of the link that opens an item's form."""
        url = reverse("cases:meeting-detail", kwargs={"pk": self.meeting.pk})
        return {"page_url": page_url(url, number), "open_link": open_form_url(url, number)}

    def agenda_index(self, shown: int) -> list[tuple[str, str]]:
        """Each case of the agenda by number, with the link to it: on this page or another."""
        index = []
        for position, item in enumerate(self.items):
            page = position // PAGE_SIZE + 1
            url = "" if page == shown else self.url_of_page(page)
            index.append((item.case.number, f"{url}#case-{item.discussion.pk}"))
        return index

    def dossiers_read(self):
        return [item.case for item in self.shown]

    @cached_property
    def casemanagers(self) -> dict:
        """C4: who can be casemanager of one of the cases on the agenda (one query, one list
        on the page, whatever the number of cases)."""
        if not self.may_record:
            return {}
        return forms.casemanager_labels(
            list(selectors.casemanager_choices([item.case for item in self.items]))
        )

    @cached_property
    def casemanager_label_of(self) -> dict[int, str]:
        """The label of each possible casemanager by their pk, for the forms' initial values."""
        return {user.pk: label for label, user in self.casemanagers.items()}

    @property
    def is_open(self):
        return self.meeting.approved_at is None

    @cached_property
    def may_record(self):
        user = self.request.user
        return self.is_open and (
            meeting_services.is_chair(user, self.meeting)
            or selectors.is_keeper(user, self.meeting.casusoverleg)
        )

    @cached_property
    def opened(self):
        """The agenda item whose form the recorder asked to open, if it is one of theirs."""
        wanted = self.request.GET.get(OPEN_FORM, "")
        if not self.may_record:
            return None
        return next((i for i in self.items if str(i.discussion.pk) == wanted), None)

    def get(self, request, *args, **kwargs):
        if request.htmx and self.opened is not None:
            log_reads(request, [self.opened.case], kind=ReadKind.DETAIL)
            return self.item_response(self.opened, self.item_form(self.opened))
        return super().get(request, *args, **kwargs)

    def item_form(self, item):
        discussion = item.discussion
        label = ""
        if discussion.casemanager_id:
            label = self.casemanager_label_of.get(
                discussion.casemanager_id, discussion.casemanager.display_name
            )
        form = forms.DiscussionForm(
            prefix=f"case-{discussion.pk}",
            casemanagers=self.casemanagers,
            initial={
                "minutes": discussion.minutes,
                "approach": discussion.approach,
                "casemanager": label,
                "informing": discussion.informing,
                "version": discussion.version,
            },
        )
        form.fields["minutes"].widget.attrs["autofocus"] = True  # opened to be typed in
        return form

    def item_forms(self, bound=None):
        """Each item with its form: only the one posted with errors, or else the one opened."""
        result = []
        for item in self.shown:
            form = None
            if bound is not None:
                if bound.prefix == f"case-{item.discussion.pk}":
                    form = bound
            elif item is self.opened:
                form = self.item_form(item)
            result.append((item, form))
        return result

    def get_context_data(self, **kwargs):
        user = self.request.user
        recorded = sum(
            1 for item in self.items if item.discussion.approach and item.discussion.informing
        )
        items = self.item_forms(kwargs.pop("bound", None))
        form = next((form for _item, form in items if form is not None), None)
        shown = self.page_obj.number
        return super().get_context_data(
            meeting=self.meeting,
            items=items,
            total=len(self.items),
            index=self.agenda_index(shown),
            page_obj=self.page_obj,
            is_paginated=self.page_obj.has_other_pages(),
            **self.item_links(shown),
            is_open=self.is_open,
            may_record=self.may_record,
            is_chair=meeting_services.is_chair(user, self.meeting),
            approve_form=kwargs.pop("approve_form", None) or forms.ApproveForm(),
            recorded=recorded,
            **self.casemanager_context(form),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "approve" in request.POST:
            return self.approve(request)
        user = request.user
        if not (
            meeting_services.is_chair(user, self.meeting)
            or selectors.is_keeper(user, self.meeting.casusoverleg)
        ):
            raise Http404
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
                message = _("The discussion of %(number)s has been recorded.") % {
                    "number": item.case.number
                }
                if request.htmx:
                    item.discussion.refresh_from_db()
                    return self.item_response(item, None, message=message)
                messages.success(request, message)
                url = self.url_of_page(self.page_of(item))
                return redirect(f"{url}#case-{item.discussion.pk}")
        if request.htmx:
            return self.item_response(item, form)
        return self.render_to_response(self.get_context_data(bound=form))

    def item_response(self, item, form, *, message=""):
        """One agenda item, for htmx to put in place of the one posted."""
        meeting_services.add_measures_due(self.meeting, [item])
        return render(
            self.request,
            "cases/includes/agenda_item.html",
            {
                "item": item,
                "form": form,
                "meeting": self.meeting,
                "may_record": self.may_record,
                "message": message,
                **self.item_links(self.page_of(item)),
                **self.casemanager_context(form),
            },
        )

    def casemanager_context(self, form) -> dict:
        """C4: the list of possible casemanagers, rendered with the open form only."""
        if form is None:
            return {}
        return {
            "casemanager_labels": list(self.casemanagers),
            "casemanager_list": forms.CASEMANAGER_LIST,
        }

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
