"""The case list and the parts of the case page (C1, C3, S2, U1)."""

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from cases import forms, selectors
from cases.constants import CaseStatus
from cases.history import case_history
from cases.models import (
    Case,
    CaseCheck,
    CaseFinding,
    CaseParticipant,
    CaseSignal,
    Closing,
    CopyOut,
    Disclosure,
    Discussion,
    Export,
    Measure,
    ProgressNote,
    RelatedPerson,
    Transfer,
)
from cases.models.case import FAR_AWAY, next_deadline, status_rank
from cases.views.access import CasesMixin
from cases.views.case_page import (
    PART_KEYS,
    action_groups,
    measure_count_annotations,
    summary,
    tabs,
)
from cases.views.elsewhere import case_offers
from config.audit import ReadKind, log_reads
from config.pages import (
    OPEN_FORM,
    PAGE_SIZE,
    SessionSearchMixin,
    SortedListMixin,
    open_form_url,
)
from config.read_audit import AccessLoggedPageMixin
from elsewhere.selectors import asked_about
from subjects.matching import normalise_name
from subjects.registry import dossier_of
from subjects.restriction import marked, reading_restricted


class CaseListView(
    CasesMixin, SortedListMixin, SessionSearchMixin, AccessLoggedPageMixin, ListView
):
    """The cases the user may see, with search by number or name and filters on casusoverleg
    and status; per case the number of overdue measures and its next deadline (C3). Open cases
    first, then by the next deadline of an open measure, unless sorted otherwise. Archived cases
    only when filtered for (B3). The names shown are a read of each case on the page (S2)."""

    template_name = "cases/case_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "cases"
    search_session_key = "cases:case-search"
    url_filters = ("casusoverleg", "status", "sort")
    sorts = {
        "deadline": ("status_rank", "next_deadline"),
        "number": ("number_order",),
        "casusoverleg": ("casusoverleg__name",),
        "status": ("status_rank",),
        "processed": ("-last_processed_at",),
    }
    default_sort = "deadline"

    @cached_property
    def overleggen(self):
        return list(selectors.visible_overleggen(self.request.user).order_by("name"))

    def get_queryset(self):
        cases = (
            selectors.visible_cases(self.request.user)
            .select_related("casusoverleg")
            .annotate(
                # Kept on the case (issue 13): no measure is read but the overdue ones of the
                # cases shown.
                overdue_count=selectors.overdue_count(),
                # the keys of the index `case_list_order` (issue 13)
                next_deadline=next_deadline(),
                status_rank=status_rank(),
            )
        )
        status = self.request.GET.get("status", "")
        status = status if status in CaseStatus.values else ""
        overleg = self.request.GET.get("casusoverleg", "")
        overleg = overleg if overleg in {str(o.pk) for o in self.overleggen} else ""
        query = self.search_term
        if query:
            name = normalise_name(query)
            matches = Q(number__icontains=query)
            if name:
                matches |= Q(name_key__contains=name)
            cases = cases.filter(matches)
        cases = selectors.listed(cases, status)  # B3: archived cases only when asked for
        if overleg:
            cases = cases.filter(casusoverleg_id=overleg)
        self.filters = {"casusoverleg": overleg, "status": status}
        return self.sorted(cases)

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(
            search_term=self.search_term,
            filters=self.filters,
            statuses=CaseStatus.choices,
            overleggen=self.overleggen,
            may_meet=selectors.may_see_meetings(user),
            far_away=FAR_AWAY,
            **kwargs,
        )
        context["filters_set"] = context["filters_set"] or bool(self.search_term)
        return context


def _notes():
    """Every progress note of the case, each marked `restricted` in the same query (R6)."""
    return marked(ProgressNote).select_related("written_by")


def sort_notes(case: Case) -> None:
    """The plan's notes, read in one query (issue 13), to their measures (`measure.shown_notes`)
    and the case's other notes (`case.general_notes`), newest first as read."""
    by_measure: dict[int, list] = {}
    case.general_notes = []
    for note in case.all_notes:
        if note.measure_id is None:
            case.general_notes.append(note)
        else:
            by_measure.setdefault(note.measure_id, []).append(note)
    for measure in case.measures.all():
        measure.shown_notes = by_measure.get(measure.pk, [])


def _participants():
    return Prefetch(
        "participants",
        queryset=CaseParticipant.objects.select_related("party").order_by("since", "pk"),
    )


def part_contents(part: str) -> tuple:
    """What each part of the case page reads, built at each read: the item querysets leave the
    restricted rows out unless built inside `reading_restricted` (R6). A constant number of
    queries per part, whatever the number of rows."""
    if part == "overview":
        return (
            _participants(),
            Prefetch("signals", queryset=marked(CaseSignal).select_related("brought_by")),
            Prefetch("findings", queryset=marked(CaseFinding)),
        )
    if part == "plan":
        return (
            "goals",
            Prefetch("measures", queryset=Measure.objects.select_related("owner")),
            Prefetch("progress_notes", queryset=_notes(), to_attr="all_notes"),
        )
    if part == "meetings":
        return (
            Prefetch(
                "discussions",
                queryset=Discussion.objects.select_related("meeting", "casemanager").order_by(
                    "-meeting__held_on", "-pk"
                ),
            ),
        )
    if part == "people":
        return (_participants(), Prefetch("related_people", queryset=marked(RelatedPerson)))
    if part == "disclosures":
        return (
            Prefetch(
                "disclosures",
                queryset=Disclosure.objects.select_related("partner", "provider", "disclosed_by"),
            ),
            Prefetch("exports", queryset=Export.objects.select_related("provider", "exported_by")),
            Prefetch(
                "copies_out",
                queryset=CopyOut.objects.select_related("to_casusoverleg", "copied_by"),
            ),
        )
    if part == "history":
        return (
            Prefetch(
                "closings", queryset=Closing.objects.select_related("decided_by", "reopened_by")
            ),
            Prefetch("checks", queryset=CaseCheck.objects.select_related("checked_by")),
            Prefetch(
                "transfers",
                queryset=Transfer.objects.select_related("transferred_by", "checked_by").order_by(
                    "-transferred_at"
                ),
            ),
        )
    raise ValueError(part)


class CaseDetailView(CasesMixin, AccessLoggedPageMixin, DetailView):
    """One part of the file of a case (U1): the summary of what is due, the sub-navigation and
    the keeper's actions above, the part below, each on its own URL. Every part is a read of the
    case and writes an access entry (S2); whoever may not see the case, or the disclosures part
    without keeping it, gets 404."""

    template_name = "cases/case_detail.html"
    context_object_name = "case"
    part = "overview"

    def get_template_names(self):
        return [f"cases/case_{self.part}.html"]

    def get(self, request, *args, **kwargs):
        """htmx asks for one measure's card with its forms open (`?vastleggen=`): that card
        alone, a read of the case (S2). Anything else, and any measure the user does not
        report on, is the whole part."""
        opened = request.GET.get(OPEN_FORM, "")
        if self.part == "plan" and request.htmx and opened:
            self.object = case = self.get_object()
            measure = next((m for m in case.measures.all() if str(m.pk) == opened), None)
            card = measure and measure_cards(request.user, case, [measure], opened=opened)[0]
            if card and "progress_form" in card:
                log_reads(request, [case], kind=ReadKind.DETAIL)
                return card_response(request, case, card)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:  # read already by `get`
            return self.object
        user = self.request.user
        case = selectors.get_case_page(
            user, self.kwargs["number"], **measure_count_annotations(timezone.localdate())
        )
        self.may_keep = case.kept_by_reader
        if PART_KEYS[self.part].keeper_only and not self.may_keep:
            raise Http404
        # R6: the keeper of the file sees the restricted items, marked; nobody else sees them.
        with reading_restricted(selectors.sees_restricted(user, case)):
            prefetch_related_objects([case], *part_contents(self.part))
        if self.part == "plan":
            sort_notes(case)
            today = timezone.localdate()
            for measure in case.measures.all():
                measure.is_overdue = selectors.is_overdue(measure, on=today)
        return case

    def get_context_data(self, **kwargs):
        case, user = self.object, self.request.user
        due = summary(case)
        primary, groups = (None, [])
        if self.may_keep:
            primary, groups = action_groups(user, case, due)
        context = {
            "may_keep": self.may_keep,
            "is_active": case.status == CaseStatus.ACTIVE,
            "due": due,
            "tabs": tabs(case, self.part, keeper=self.may_keep),
            "part": self.part,
            "primary_action": primary,
            "action_groups": groups,
            # K1: for the keeper, on the case's overview
            "known_elsewhere": case_offers(user, case)
            if self.may_keep and self.part == "overview"
            else [],
        }
        if self.part != "overview":
            context["breadcrumbs"] = [case_crumb(case)]
        if self.part == "plan":
            context["measures"] = measure_cards(
                user, case, case.measures.all(), opened=self.request.GET.get(OPEN_FORM, "")
            )
        if self.part == "history":
            context["history"] = case_history(case)
            # K1: the keeper sees who asked elsewhere about this person and found the case.
            if self.may_keep:
                context["asked_about"] = asked_about(dossier_of(case))
        return super().get_context_data(**context, **kwargs)


def case_crumb(case: Case) -> dict:
    return {
        "label": _("Case %(number)s") % {"number": case.number},
        "url": reverse("cases:case-detail", kwargs={"number": case.number}),
    }


def measure_cards(user, case: Case, measures, *, opened: str = "", bound=None) -> list[dict]:
    """Per measure of the plan part: the measure, whether the user reports on it (the case
    active), and the links that open its forms (`?vastleggen=<measure>`) and close them again.
    Only the measure opened, or the one whose form was posted with errors (`bound`, shown again
    as typed), has its progress form and status form: a plan rendered both forms of every
    measure (issue 13). The forms post in place with htmx; without JavaScript they post and
    come back here."""
    reportable = selectors.reportable_measures(user, case, measures)
    active = case.status == CaseStatus.ACTIVE
    plan = reverse("cases:case-plan", kwargs={"number": case.number})
    cards = []
    for measure in measures:
        card = {"measure": measure, "may_report": active and measure.pk in reportable}
        if card["may_report"]:
            card["open_url"] = f"{open_form_url(plan, 1)}{measure.pk}"
            card["back_url"] = f"{plan}#measure-{measure.pk}"
            posted = {form.prefix: form for form in bound or ()}
            prefixes = (progress_prefix(measure), status_prefix(measure))
            if str(measure.pk) == opened or posted.keys() & set(prefixes):
                card["progress_form"] = posted.get(prefixes[0]) or _progress_form(
                    measure, focus=not posted
                )
                card["status_form"] = posted.get(prefixes[1]) or forms.MeasureStatusForm(
                    prefix=prefixes[1], initial=_initial(measure)
                )
        cards.append(card)
    return cards


def card_response(request, case: Case, card: dict, *, message: str = ""):
    """One measure's card of the plan part, for htmx to put in place of the one shown."""
    return render(
        request,
        "cases/includes/measure_card.html",
        {"case": case, "card": card, "message": message},
    )


def _initial(measure) -> dict:
    return {"status": measure.status, "version": measure.version}


def _progress_form(measure, *, focus: bool):
    form = forms.ProgressForm(prefix=progress_prefix(measure), initial=_initial(measure))
    if focus:  # opened to be typed in
        form.fields["text"].widget.attrs["autofocus"] = True
    return form


def progress_prefix(measure) -> str:
    return f"progress-{measure.pk}"


def status_prefix(measure) -> str:
    return f"status-{measure.pk}"


def part_view(part: str):
    return CaseDetailView.as_view(part=part)
