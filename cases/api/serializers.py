"""API of the ICO files of the casusoverleggen (C1, C3, C4, C6, P6, S1, S2, U5) under /api/v1/:
casusoverleggen, cases, measures, case meetings and disclosures.

Resources are Dutch plural nouns (`casusoverleggen`, `casussen`, `maatregelen`, `bijeenkomsten`,
`verstrekkingen`); fields are English in camelCase. A case is found by its number, never by the
subject's name.

Access follows the pages (`cases.permissions`): every queryset starts from `visible_cases` (reads)
or `keepable_cases` (the keeper's writes), and every change goes through the services of
`cases`. Whoever may not see something gets 404, never 403; a service's refusal answers 404 as
well. An external partner sees no case at all, only its disclosures, exactly as disclosed (C6).
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from cases import disclosure_services, meeting_services, services
from cases.constants import OPEN_MEASURE_STATUSES, CasePart, CaseStatus, MeasureStatus
from cases.history import case_history
from cases.models import (
    Case,
    CaseFinding,
    CaseMeeting,
    CaseParticipant,
    CaseSignal,
    CasusOverleg,
    Closing,
    Disclosure,
    Discussion,
    Measure,
    PlanGoal,
    ProgressNote,
    RelatedPerson,
)
from cases.permissions import keepable_cases, visible_cases
from config.api import (
    NOT_FOUND,
    WRITE_ERRORS,
    CamelCaseModelSerializer,
    DossierNumberFieldBase,
    service_call,
)
from config.audit import AccessLoggedRetrieveMixin, log_access_many
from parties.constants import Function
from parties.permissions import IsVerifiedMember, functions_of, membership_of
from subjects.categories import DataCategory

CASE_FILTER = OpenApiParameter(
    "case", OpenApiTypes.STR, description="Only those of the case with this number."
)


def is_today_overdue(measure: Measure) -> bool:
    return measure.status in OPEN_MEASURE_STATUSES and measure.deadline < timezone.localdate()


# --- serializers -------------------------------------------------------------------------------


class CaseNumberField(DossierNumberFieldBase):
    model = Case
    visible = staticmethod(visible_cases)
    keepable = staticmethod(keepable_cases)
    related = ("casusoverleg",)


class CasusOverlegSerializer(CamelCaseModelSerializer):
    """A casusoverleg (module): its Veiligheidshuis, specific covenant, controller, the parties
    taking part and its retention terms (C11)."""

    veiligheidshuis = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # Declared, so the schema does not depend on the database's integer range.
    archive_after_years = serializers.IntegerField(read_only=True)
    destroy_after_years = serializers.IntegerField(read_only=True)

    class Meta:
        model = CasusOverleg
        fields = [
            "id",
            "name",
            "veiligheidshuis",
            "covenant_title",
            "covenant_reference",
            "covenant_date",
            "controller",
            "participants",
            "archive_after_years",
            "destroy_after_years",
        ]


class CasePersonSerializer(CamelCaseModelSerializer):
    """The subject's name, address and date of birth (NAW), with the optional BSN."""

    class Meta:
        model = Case
        fields = list(services.PERSON_FIELDS)


class CaseParticipantSerializer(CamelCaseModelSerializer):
    class Meta:
        model = CaseParticipant
        fields = ["party", "since", "until", "advised_by_weegploeg"]


class CaseSignalSerializer(CamelCaseModelSerializer):
    class Meta:
        model = CaseSignal
        fields = [
            "id",
            "behaviour",
            "observed_on",
            "brought_by",
            "reporter_name",
            "reporter_contact",
        ]


class CaseFindingSerializer(CamelCaseModelSerializer):
    framework_version = serializers.IntegerField(read_only=True)

    class Meta:
        model = CaseFinding
        fields = ["id", "framework_version", "criterion", "finding", "explanation"]


class RelatedPersonSerializer(CamelCaseModelSerializer):
    class Meta:
        model = RelatedPerson
        fields = ["id", "role", "surname", "given_names", "date_of_birth", "address", "reason"]


class ClosingSerializer(CamelCaseModelSerializer):
    class Meta:
        model = Closing
        fields = [
            "id",
            "advice",
            "advised_on",
            "reason",
            "decided_on",
            "decided_by",
            "reopened_at",
            "reopened_by",
            "reopening_reason",
        ]


class ProgressNoteSerializer(CamelCaseModelSerializer):
    """Progress of a measure (CTER 9.4), with its new status if it changed."""

    status = serializers.ChoiceField(
        choices=MeasureStatus.choices,
        write_only=True,
        required=False,
        help_text="The new status of the measure.",
    )

    class Meta:
        model = ProgressNote
        fields = ["id", "measure", "text", "status", "written_by", "written_at"]
        read_only_fields = ["measure", "written_by", "written_at"]


class MeasureSerializer(CamelCaseModelSerializer):
    """A measure of the plan (C3): owned by a party or partner taking part, with a deadline and a
    status. `isOverdue`: open and past its deadline. Added by the keeper of the case."""

    case = CaseNumberField(keep=True)
    is_overdue = serializers.SerializerMethodField(method_name="get_is_overdue")
    notes = ProgressNoteSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "case",
            "description",
            "owner",
            "deadline",
            "status",
            "is_overdue",
            "notes",
            "created_at",
        ]
        read_only_fields = ["status", "created_at"]

    def get_is_overdue(self, measure) -> bool:
        return is_today_overdue(measure)


class CaseMeasureSerializer(MeasureSerializer):
    """A measure inside its case."""

    class Meta(MeasureSerializer.Meta):
        fields = ["id", "description", "owner", "deadline", "status", "is_overdue", "notes"]


class CaseSummarySerializer(CamelCaseModelSerializer):
    """A case in a list: its number and state, no personal data."""

    has_overdue_measures = serializers.BooleanField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "number",
            "casusoverleg",
            "status",
            "casemanager",
            "has_overdue_measures",
            "created_at",
            "last_processed_at",
            "last_checked_at",
            "archived_at",
        ]


class CaseSerializer(CaseSummarySerializer):
    """The ICO file of one subject (CTER 10.2): NAW, how the identity was established, the
    participants, the signals and analysis copied from the weegploeg, the plan (goals, measures),
    related people and the closings."""

    person = CasePersonSerializer(source="*", read_only=True)
    participants = CaseParticipantSerializer(many=True, read_only=True)
    signals = CaseSignalSerializer(many=True, read_only=True)
    findings = CaseFindingSerializer(many=True, read_only=True)
    goals = serializers.SlugRelatedField(slug_field="goal", many=True, read_only=True)
    measures = CaseMeasureSerializer(many=True, read_only=True)
    related_people = RelatedPersonSerializer(many=True, read_only=True)
    closings = ClosingSerializer(many=True, read_only=True)

    class Meta(CaseSummarySerializer.Meta):
        fields = [
            *CaseSummarySerializer.Meta.fields,
            "person",
            "identity_method",
            "identity_note",
            "participants",
            "signals",
            "findings",
            "goals",
            "measures",
            "related_people",
            "closings",
        ]


class DueMeasureSerializer(CamelCaseModelSerializer):
    """A measure due by the meeting; `isOverdue`: its deadline passed before the meeting."""

    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "description", "owner", "deadline", "status", "is_overdue"]


class CaseAgendaItemSerializer(serializers.Serializer):
    """A case on the agenda: what its discussion ended with and its measures due (C4)."""

    case = serializers.CharField(source="case.number", read_only=True)
    minutes = serializers.CharField(source="discussion.minutes", read_only=True)
    approach = serializers.CharField(source="discussion.approach", read_only=True)
    casemanager = serializers.IntegerField(
        source="discussion.casemanager_id", read_only=True, allow_null=True
    )
    informing = serializers.CharField(source="discussion.informing", read_only=True)
    measures = DueMeasureSerializer(many=True, read_only=True)


class CaseMeetingSummarySerializer(CamelCaseModelSerializer):
    """A case meeting (C4): date, chair, the parties present; `cases` are the numbers of the
    cases on its agenda that the user may see."""

    cases = serializers.SerializerMethodField()

    class Meta:
        model = CaseMeeting
        fields = ["id", "casusoverleg", "held_on", "chair", "attendees", "approved_at", "cases"]

    def get_cases(self, meeting) -> list[str]:
        return [discussion.case.number for discussion in meeting.visible_discussions]


class CaseMeetingSerializer(CaseMeetingSummarySerializer):
    """A case meeting with its agenda: per case the discussion and the measures due or overdue
    by the meeting (`meeting_services.agenda`)."""

    agenda = CaseAgendaItemSerializer(source="agenda_items", many=True, read_only=True)

    class Meta(CaseMeetingSummarySerializer.Meta):
        fields = [*CaseMeetingSummarySerializer.Meta.fields, "agenda"]


class PartnerDisclosureSerializer(CamelCaseModelSerializer):
    """A disclosure as its external partner sees it: the parts of the case exactly as they were
    disclosed, and nothing else of the case (C6)."""

    case = CaseNumberField(read_only=True)

    class Meta:
        model = Disclosure
        fields = ["id", "case", "parts", "categories", "necessity", "snapshot", "disclosed_at"]


class DisclosureSerializer(CamelCaseModelSerializer):
    """A disclosure to an external partner taking part in the case (C6, CTER 10.5): the parts,
    the necessity, the kinds of data, the permission of the providing party, and for
    criminal-law data the officier van justitie's consent (VH 6). Made by the keeper; an
    external partner's user sees only `id`, `case`, `parts`, `categories`, `necessity`,
    `snapshot` and `disclosedAt` of the disclosures to its party."""

    case = CaseNumberField(keep=True)
    parts = serializers.ListField(child=serializers.ChoiceField(choices=CasePart.choices))
    categories = serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices))

    class Meta:
        model = Disclosure
        fields = [
            "id",
            "case",
            "partner",
            "parts",
            "categories",
            "necessity",
            "provider",
            "provider_permission",
            "prosecutor_consent",
            "snapshot",
            "disclosed_by",
            "disclosed_at",
        ]
        read_only_fields = ["snapshot", "disclosed_by", "disclosed_at"]


# --- viewsets ----------------------------------------------------------------------------------


def created(view, instance, serializer_class=None) -> Response:
    location = view.reverse_action("detail", kwargs={"pk": instance.pk})
    serializer_class = serializer_class or view.get_serializer_class()
    return Response(
        serializer_class(instance, context=view.get_serializer_context()).data,
        status=status.HTTP_201_CREATED,
        headers={"Location": location},
    )


class CasesViewSet(viewsets.GenericViewSet):
    permission_classes = [IsVerifiedMember]

    def visible(self):
        return visible_cases(self.request.user)

    def by_case(self, queryset):
        """The `case` query parameter: only those of one case number."""
        number = self.request.query_params.get("case")
        return queryset.filter(case__number=number) if number else queryset


class CasusOverlegViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CasesViewSet):
    """The casusoverleggen (modules) with their covenant, controller, participating parties and
    retention terms (C11), for every user who may act."""

    queryset = CasusOverleg.objects.select_related("veiligheidshuis").prefetch_related(
        "participants"
    )
    serializer_class = CasusOverlegSerializer


def measures_with_notes():
    return Measure.objects.prefetch_related(
        Prefetch("notes", queryset=ProgressNote.objects.order_by("-written_at", "-pk"))
    )


class HistoryRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField()
    party = serializers.CharField()
    subject = serializers.CharField(help_text="What was changed: the case, a measure, ...")
    action = serializers.CharField()
    changedFields = serializers.ListField(source="fields", child=serializers.CharField())


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "casusoverleg", OpenApiTypes.INT, description="Id of the casusoverleg."
            ),
            OpenApiParameter("status", OpenApiTypes.STR, enum=CaseStatus.values),
            OpenApiParameter("search", OpenApiTypes.STR, description="Part of the case number."),
        ]
    ),
    retrieve=extend_schema(responses={200: CaseSerializer, **NOT_FOUND}),
)
class CaseViewSet(
    AccessLoggedRetrieveMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, CasesViewSet
):
    """The cases the user may see (C1, S1), by case number: the parties taking part; an archived
    case only for kernpartijen. Everyone else, external partners included, gets 404 on a case and
    an empty list. A retrieve is recorded in the access log (S2)."""

    queryset = Case.objects.none()
    lookup_field = "number"

    def get_queryset(self):
        overdue = Measure.objects.filter(
            case=OuterRef("pk"),
            status__in=OPEN_MEASURE_STATUSES,
            deadline__lt=timezone.localdate(),
        )
        queryset = self.visible().annotate(has_overdue_measures=Exists(overdue))
        if self.action == "retrieve":
            return queryset.prefetch_related(
                "participants",
                "signals",
                Prefetch("findings", queryset=CaseFinding.objects.order_by("pk")),
                Prefetch("goals", queryset=PlanGoal.objects.order_by("goal")),
                Prefetch("measures", queryset=measures_with_notes()),
                Prefetch("related_people", queryset=RelatedPerson.objects.order_by("pk")),
                "closings",
            )
        params = self.request.query_params
        overleg = params.get("casusoverleg")
        if overleg:
            if not overleg.isdigit():
                raise ValidationError({"casusoverleg": [_("Give the id of a casusoverleg.")]})
            queryset = queryset.filter(casusoverleg=overleg)
        state = params.get("status")
        if state:
            if state not in CaseStatus.values:
                raise ValidationError({"status": [_("Unknown status.")]})
            queryset = queryset.filter(status=state)
        search = params.get("search", "").strip()
        if search:
            queryset = queryset.filter(number__icontains=search)
        return queryset

    def get_serializer_class(self):
        return CaseSerializer if self.action == "retrieve" else CaseSummarySerializer

    @extend_schema(responses={200: HistoryRowSerializer(many=True), **NOT_FOUND})
    @action(detail=True, methods=["get"], url_path="geschiedenis", pagination_class=None)
    def history(self, request, number=None):
        """The latest changes of the case from the audit log (S2), as on the case page: who,
        for which party, when, what, and which fields, never their values."""
        case = self.get_object()
        log_access_many([case])
        return Response(HistoryRowSerializer(case_history(case), many=True).data)


@extend_schema_view(
    list=extend_schema(parameters=[CASE_FILTER]),
    retrieve=extend_schema(responses={200: MeasureSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: MeasureSerializer, **WRITE_ERRORS}),
    voortgang=extend_schema(
        request=ProgressNoteSerializer,
        responses={201: ProgressNoteSerializer, **WRITE_ERRORS},
    ),
)
class MeasureViewSet(
    AccessLoggedRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    CasesViewSet,
):
    """The measures of the plans of the cases the user may see (C3). The keeper of the case adds
    them; progress (`voortgang`) is reported by the members of the owning party, the casemanager
    or the keeper. For anyone else, or a case the user may not keep, the answer is 404."""

    queryset = Measure.objects.none()
    serializer_class = MeasureSerializer

    def get_queryset(self):
        return self.by_case(
            measures_with_notes().filter(case__in=self.visible()).select_related("case")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_call():
            measure = services.add_measure(
                data["case"],
                by=request.user,
                description=data["description"],
                owner=data["owner"],
                deadline=data["deadline"],
            )
        return created(self, self.get_queryset().get(pk=measure.pk))

    @action(detail=True, methods=["post"], serializer_class=ProgressNoteSerializer)
    def voortgang(self, request, *args, **kwargs):
        """Report progress on a measure, and optionally its new status (CTER 9.4)."""
        measure = self.get_object()
        serializer = ProgressNoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_call():
            note = services.report_progress(
                measure, by=request.user, text=data["text"], status=data.get("status")
            )
        location = self.reverse_action("detail", kwargs={"pk": measure.pk})
        return Response(
            ProgressNoteSerializer(note).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


@extend_schema_view(
    list=extend_schema(parameters=[CASE_FILTER]),
    retrieve=extend_schema(responses={200: CaseMeetingSerializer, **NOT_FOUND}),
)
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CasesViewSet):
    """Case meetings (C4) for the keeper of the casusoverleg and its chairs, with a case on the
    agenda that the user may see; the agenda shows only such cases. A retrieve records an access
    entry for each discussion shown (S2)."""

    queryset = CaseMeeting.objects.none()

    def get_serializer_class(self):
        return CaseMeetingSerializer if self.action == "retrieve" else CaseMeetingSummarySerializer

    def get_queryset(self):
        user = self.request.user
        visible = self.visible()
        kept = Q(chair=user) | Q(casusoverleg__chairs=user)
        membership = membership_of(user)
        if membership is not None and Function.UITVOERDER in functions_of(user):
            kept |= Q(casusoverleg__veiligheidshuis__in=membership.party.veiligheidshuizen.all())
        discussions = Discussion.objects.filter(case__in=visible)
        number = self.request.query_params.get("case")
        meetings = CaseMeeting.objects.filter(kept)
        if number:
            meetings = meetings.filter(discussions__case__number=number)
        return (
            CaseMeeting.objects.filter(
                pk__in=meetings.values("pk"),
            )
            .filter(pk__in=discussions.values("meeting"))
            .prefetch_related(
                "attendees",
                Prefetch(
                    "discussions",
                    queryset=discussions.select_related("case").order_by("case__number"),
                    to_attr="visible_discussions",
                ),
            )
            .order_by("-held_on", "-pk")
        )

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        shown = {discussion.pk for discussion in meeting.visible_discussions}
        meeting.agenda_items = [
            item for item in meeting_services.agenda(meeting) if item.discussion.pk in shown
        ]
        log_access_many([item.discussion for item in meeting.agenda_items])
        return Response(self.get_serializer(meeting).data)


def _is_partner(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.party.is_external


@extend_schema_view(
    list=extend_schema(parameters=[CASE_FILTER]),
    retrieve=extend_schema(responses={200: DisclosureSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: DisclosureSerializer, **WRITE_ERRORS}),
)
class DisclosureViewSet(
    AccessLoggedRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    CasesViewSet,
):
    """Disclosures to external partners (C6, P6). A user of an external partner sees the
    disclosures to its own party, exactly as they were disclosed, while its party takes part in
    the case; the keeper sees and makes the disclosures of the cases it keeps. A retrieve is
    recorded in the access log (S2)."""

    queryset = Disclosure.objects.none()

    def get_serializer_class(self):
        if _is_partner(self.request.user):
            return PartnerDisclosureSerializer
        return DisclosureSerializer

    def get_queryset(self):
        user = self.request.user
        if _is_partner(user):
            queryset = disclosure_services.disclosures_for(user)
        else:
            queryset = Disclosure.objects.filter(case__in=keepable_cases(user))
        return self.by_case(queryset.select_related("case")).order_by("-disclosed_at", "-pk")

    def create(self, request, *args, **kwargs):
        if _is_partner(request.user):
            raise NotFound(_("Not found."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_call():
            disclosure = disclosure_services.disclose(
                data["case"],
                by=request.user,
                partner=data["partner"],
                parts=data["parts"],
                necessity=data["necessity"],
                categories=data["categories"],
                provider=data["provider"],
                provider_permission=data["provider_permission"],
                prosecutor_consent=data.get("prosecutor_consent", ""),
            )
        return created(self, disclosure)
