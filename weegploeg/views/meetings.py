"""The weegploeg meetings (W7)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from config.pages import (
    OPEN_FORM,
    PAGE_SIZE,
    CappedPaginator,
    SortedListMixin,
    add_service_errors,
    open_form_url,
    page_url,
)
from config.read_audit import AccessLoggedPageMixin
from parties.models import Party
from weegploeg import forms, selectors, services
from weegploeg.views.access import KeeperMixin, WeegploegMixin


class MeetingListView(WeegploegMixin, SortedListMixin, ListView):
    """The meetings the user sees (ADR 0011), with the number of agenda items shown to them;
    the latest first by default (U2)."""

    template_name = "weegploeg/meeting_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "meetings"
    sorts = {"date": ("held_on",), "items": ("shown_items", "held_on")}
    default_sort = "-date"

    def get_queryset(self):
        user = self.request.user
        meetings = (
            selectors.meetings_for(user)
            .select_related("veiligheidshuis")
            .prefetch_related(Prefetch("present", queryset=Party.objects.order_by("name")))
            .annotate(shown_items=selectors.shown_item_count(user))
        )
        return self.sorted(meetings)

    def get_context_data(self, **kwargs):
        may_keep = selectors.is_keeper(self.request.user)
        return super().get_context_data(filters={}, may_keep=may_keep, **kwargs)


class MeetingCreateView(KeeperMixin, FormView):
    template_name = "weegploeg/meeting_form.html"
    form_class = forms.MeetingForm

    def get_form_kwargs(self):
        agenda = selectors.open_for_agenda(self.request.user)
        return {**super().get_form_kwargs(), "regions": self.regions, "assessments": agenda}

    def get_initial(self):
        """From a dossier's "Put on a weegploeg meeting": that dossier is ticked."""
        dossier = self.request.GET.get("dossier", "")
        chosen = selectors.open_for_agenda(self.request.user).filter(number=dossier)
        return {**super().get_initial(), "assessments": list(chosen)} if dossier else {}

    def get_context_data(self, **kwargs):
        crumbs = [{"label": _("Weegploeg meetings"), "url": reverse("weegploeg:meeting-list")}]
        return super().get_context_data(breadcrumbs=crumbs, **kwargs)

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


class MeetingDetailView(WeegploegMixin, AccessLoggedPageMixin, TemplateView):
    """The agenda of one session with what was discussed and decided per assessment, as far as
    the user sees it (ADR 0011), a page of agenda items at a time (`?page=`): a meeting of a
    hundred dossiers shown at once cost a hundred access entries and rows on every view (issue
    13). Every item is read-only; the keeper of an item's dossier has a link to record its
    discussion, which opens one form at a time (`?vastleggen=<item pk>`). Every view writes an
    access entry per dossier shown (S2): those of the page."""

    template_name = "weegploeg/meeting_detail.html"
    open_parameter = OPEN_FORM

    @cached_property
    def meeting(self):
        meeting = selectors.get_meeting_for(self.request.user, self.kwargs["pk"])
        prefetch_related_objects([meeting], "present")
        return meeting

    def agenda(self):
        """The items the user sees, in the agenda's order, each marked `is_kept` when the user
        records its discussion (keeps its dossier)."""
        keepable = selectors.keepable_assessments(self.request.user)
        return (
            selectors.agenda_items_for(self.request.user, self.meeting)
            .select_related("assessment", "decision")
            .annotate(is_kept=Exists(keepable.filter(pk=OuterRef("assessment_id"))))
            .order_by("assessment__number_order", "pk")
        )

    @cached_property
    def page_obj(self):
        return CappedPaginator(self.agenda(), PAGE_SIZE).get_page(self.request.GET.get("page"))

    @cached_property
    def items(self):
        return list(self.page_obj.object_list)

    def here(self) -> str:
        """This page of the agenda, without an opened form."""
        url = reverse("weegploeg:meeting-detail", kwargs={"pk": self.meeting.pk})
        return page_url(url, self.page_obj.number)

    def kept_item(self, pk: str):
        """The agenda item `pk` (as sent) if the user records its discussion, else None."""
        if not pk.isdigit():
            return None
        return self.agenda().filter(pk=pk, is_kept=True).first()

    def dossiers_read(self):
        return [item.assessment for item in self.items]

    def discussion_form(self, item, data=None):
        """The one form on the page: the cursor goes straight into it."""
        form = forms.DiscussionForm(
            data,
            prefix=f"item-{item.pk}",
            initial={"discussion": item.discussion, "version": self.meeting.version},
        )
        form.fields["discussion"].widget.attrs["autofocus"] = True
        return form

    def item_url(self, item) -> str:
        """The page, scrolled to the item."""
        return f"{self.here()}#item-{item.pk}"

    def opened(self):
        """The item of this page asked for in the URL and its form, if the user records its
        discussion; any other value opens nothing."""
        pk = self.request.GET.get(self.open_parameter, "")
        item = next((i for i in self.items if str(i.pk) == pk and i.is_kept), None)
        return (item, self.discussion_form(item)) if item else (None, None)

    def get_context_data(self, **kwargs):
        opened, form = kwargs.pop("bound", None) or self.opened()
        crumbs = [{"label": _("Weegploeg meetings"), "url": reverse("weegploeg:meeting-list")}]
        return super().get_context_data(
            meeting=self.meeting,
            items=[
                (item, form if opened and item.pk == opened.pk else None) for item in self.items
            ],
            page_obj=self.page_obj,
            is_paginated=self.page_obj.has_other_pages(),
            here=self.here(),
            open_link=open_form_url("", self.page_obj.number),
            breadcrumbs=crumbs,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        item = self.kept_item(request.POST.get("item", ""))
        if item is None:
            raise Http404
        form = self.discussion_form(item, request.POST)
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
                return redirect(self.item_url(item))
        return self.render_to_response(self.get_context_data(bound=(item, form)))
