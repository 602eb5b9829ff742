"""API of the i2o-weegploeg file (W1-W4, W6, W7, P7, S2, U5, C8): signals, assessments,
analyses, decisions, meetings and agenderingen under /api/v1/.

Resources are Dutch plural nouns (`wegingen`, `signalen`, `analyses`, `beslissingen`,
`overleggen`, `agenderingen`), like `partijen`; fields are English in camelCase. An assessment
is found by its dossier number, never by the person's name.

Access follows the pages (`weegploeg.permissions`): every queryset starts from
`visible_assessments` (reads) or `keepable_assessments` (the uitvoerder's writes), and every
change goes through `weegploeg.services`. Whoever may not see something gets 404, never 403: a
casuspartij or an external partner gets 404 on every endpoint of this file, even on a list, so it
does not learn that the file exists. Writing about a dossier one may not keep answers 404 as
well. The one 403 is a kernpartij member entering a signal for another party (W1): the party is
public, the dossier is not touched.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from cases.constants import IdentityMethod
from cases.models import CasusOverleg
from config.api import (
    NOT_FOUND,
    PROBLEM_JSON,
    WRITE_ERRORS,
    CamelCaseModelSerializer,
    DossierNumberFieldBase,
    ProblemSerializer,
    camel,
    problem_response,
    service_call,
)
from config.audit import AccessLoggedRetrieveMixin, log_access_many
from parties.models import Veiligheidshuis
from parties.permissions import IsVerifiedMember, membership_of
from weegploeg import services
from weegploeg.constants import AssessmentStatus
from weegploeg.models import (
    AdditionalInformation,
    AgendaItem,
    Analysis,
    Assessment,
    CaseTransfer,
    Check,
    CriterionFinding,
    Decision,
    ExpertAdvice,
    Meeting,
    Signal,
)
from weegploeg.permissions import keepable_assessments, may_use_file, visible_assessments

# --- access and errors -------------------------------------------------------------------------


class UsesWeegploegFile(permissions.BasePermission):
    """404 for every other party, on lists too: the file is not there for them (W4, P7)."""

    def has_permission(self, request, view):
        if not may_use_file(request.user):
            raise NotFound(_("Not found."))
        return True


class DossierNumberField(DossierNumberFieldBase):
    model = Assessment
    visible = staticmethod(visible_assessments)
    keepable = staticmethod(keepable_assessments)


class PersonSerializer(CamelCaseModelSerializer):
    """The subject's name, address and date of birth (NAW), with the optional BSN."""

    class Meta:
        model = Assessment
        fields = list(services.PERSON_FIELDS)


class SignalSerializer(CamelCaseModelSerializer):
    """A signal (W1). To enter one, give `assessment` (the dossier number of the person's
    assessment) or `person` (a new assessment), never both. `veiligheidshuis` is needed only for
    a new assessment when the party takes part in more than one Veiligheidshuis. When the person
    is probably in the file already, the answer is 409 with the dossiers the user may see: send
    the signal again with one of them as `assessment`, or with `newDossier` true."""

    assessment = DossierNumberField(
        required=False, help_text="Dossier number of the assessment the signal is about."
    )
    person = PersonSerializer(
        write_only=True, required=False, help_text="The subject, for a new assessment."
    )
    veiligheidshuis = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Veiligheidshuis.objects.all(),
        write_only=True,
        required=False,
        help_text="Code of the Veiligheidshuis of a new assessment.",
    )
    new_dossier = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="A new assessment although the person is probably in the file already.",
    )

    class Meta:
        model = Signal
        fields = [
            "id",
            "assessment",
            "person",
            "veiligheidshuis",
            "new_dossier",
            "behaviour",
            "observed_on",
            "reporter_name",
            "reporter_contact",
            "brought_by",
            "entered_at",
        ]

    def validate(self, attrs):
        if ("assessment" in attrs) == ("person" in attrs):
            raise ValidationError(
                {"person": [_("Give either the number of an assessment or the subject's data.")]}
            )
        return attrs


class FindingSerializer(CamelCaseModelSerializer):
    criterion_code = serializers.CharField(source="criterion.code", read_only=True)
    criterion_title = serializers.CharField(source="criterion.title", read_only=True)

    class Meta:
        model = CriterionFinding
        fields = ["criterion", "criterion_code", "criterion_title", "finding", "explanation"]


class AnalysisSerializer(CamelCaseModelSerializer):
    """An analysis against the current referentiekader (W2): a finding and an explanation for
    every criterion. Recorded by the uitvoerder."""

    assessment = DossierNumberField(keep=True)
    framework_version = serializers.IntegerField(source="framework.number", read_only=True)
    findings = FindingSerializer(many=True)

    class Meta:
        model = Analysis
        fields = ["id", "assessment", "framework_version", "summary", "findings", "recorded_at"]

    def validate_findings(self, findings):
        criteria = [row["criterion"].pk for row in findings]
        if len(set(criteria)) != len(criteria):
            raise ValidationError(_("Give one finding per criterion."))
        return findings


class DecisionSerializer(CamelCaseModelSerializer):
    """The decision of CTER 7.4 (W3). Taken by the uitvoerder."""

    assessment = DossierNumberField(keep=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "assessment",
            "outcome",
            "reasons",
            "advice_to_driehoek",
            "advised_parties",
            "decided_on",
            "decided_at",
            "reopened_at",
            "reopening_reason",
        ]
        read_only_fields = ["decided_at", "reopened_at", "reopening_reason"]


class AdditionalInformationSerializer(CamelCaseModelSerializer):
    class Meta:
        model = AdditionalInformation
        fields = ["id", "party", "gathered_on", "content"]


class ExpertAdviceSerializer(CamelCaseModelSerializer):
    class Meta:
        model = ExpertAdvice
        fields = ["id", "adviser", "asked_on", "question", "advice"]


class DiscussionSerializer(serializers.Serializer):
    assessment = serializers.CharField(help_text="Dossier number of an assessment on the agenda.")
    discussion = serializers.CharField(help_text="What was discussed and decided.")


class CheckSerializer(CamelCaseModelSerializer):
    """The periodic check of correctness and completeness (W5, CTER 8.3)."""

    class Meta:
        model = Check
        fields = ["id", "outcome", "correction", "checked_at"]
        read_only_fields = ["checked_at"]


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the decided assessment is opened again.")


class AssessmentSummarySerializer(CamelCaseModelSerializer):
    """An assessment in a list: its number and state, no personal data."""

    veiligheidshuis = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "number",
            "status",
            "veiligheidshuis",
            "municipality_code",
            "created_at",
            "last_processed_at",
            "last_checked_at",
        ]


class AssessmentSerializer(AssessmentSummarySerializer):
    """The dossier of one person (CTER 8.2): the subject, the signals, the analyses with their
    findings, additional information, expert advice and the decisions (latest first)."""

    person = PersonSerializer(source="*", read_only=True)
    signals = SignalSerializer(many=True, read_only=True)
    analyses = AnalysisSerializer(many=True, read_only=True)
    additional_information = AdditionalInformationSerializer(many=True, read_only=True)
    expert_advice = ExpertAdviceSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    checks = CheckSerializer(many=True, read_only=True)

    class Meta(AssessmentSummarySerializer.Meta):
        fields = [
            *AssessmentSummarySerializer.Meta.fields,
            "person",
            "signals",
            "analyses",
            "additional_information",
            "expert_advice",
            "decisions",
            "checks",
        ]


class AgendaItemSerializer(CamelCaseModelSerializer):
    assessment = DossierNumberField(read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["assessment", "discussion", "decision"]


class MeetingSerializer(CamelCaseModelSerializer):
    """A weegploeg session (W7): the kernpartijen present and the assessments on the agenda.
    `items` shows only the assessments the user may see. Held by the uitvoerder, who gives the
    dossier numbers in `assessments`; `veiligheidshuis` is needed only when the uitvoerder's
    party takes part in more than one."""

    veiligheidshuis = serializers.SlugRelatedField(
        slug_field="code", queryset=Veiligheidshuis.objects.all(), required=False
    )
    assessments = DossierNumberField(
        keep=True,
        many=True,
        allow_empty=False,
        write_only=True,
        help_text="Dossier numbers of the assessments on the agenda.",
    )
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "veiligheidshuis", "held_on", "present", "assessments", "items"]

    def validate_assessments(self, assessments):
        if len({assessment.pk for assessment in assessments}) != len(assessments):
            raise ValidationError(_("Put each assessment on the agenda once."))
        return assessments


FORBIDDEN = {(403, PROBLEM_JSON): ProblemSerializer}
ASSESSMENT_FILTER = OpenApiParameter(
    "assessment", OpenApiTypes.STR, description="Only those of the assessment with this number."
)


class CaseTransferSerializer(CamelCaseModelSerializer):
    """W6, C12: a decided "agenderen" assessment put on the agenda of a casusoverleg. The chosen
    signals and findings go to a new case as copies; the transfer is what the weegploeg
    records of it. Written by the uitvoerder."""

    assessment = DossierNumberField(keep=True)
    casusoverleg = serializers.PrimaryKeyRelatedField(
        queryset=CasusOverleg.objects.all(),
        write_only=True,
        help_text="A casusoverleg of the assessment's Veiligheidshuis.",
    )
    signals = serializers.ListField(
        child=serializers.IntegerField(), write_only=True, allow_empty=False
    )
    findings = serializers.ListField(
        child=serializers.IntegerField(), write_only=True, required=False, default=list
    )
    identity_method = serializers.ChoiceField(choices=IdentityMethod.choices, write_only=True)
    identity_note = serializers.CharField(
        write_only=True, required=False, allow_blank=True, default=""
    )

    class Meta:
        model = CaseTransfer
        fields = [
            "id",
            "assessment",
            "casusoverleg",
            "signals",
            "findings",
            "identity_method",
            "identity_note",
            "casusoverleg_name",
            "case_number",
            "what",
            "transferred_at",
        ]
        read_only_fields = ["casusoverleg_name", "case_number", "what", "transferred_at"]


def only_region(regions, *, field: str) -> Veiligheidshuis:
    regions = list(regions)
    if len(regions) != 1:
        raise ValidationError({field: [_("Name the Veiligheidshuis.")]})
    return regions[0]


class KnownPersonProblemSerializer(ProblemSerializer):
    """409: the person is probably in the file already (as the intake page warns)."""

    possibleDuplicates = serializers.ListField(child=serializers.CharField())


def known_person(numbers: list[str]) -> Response:
    """The intake's duplicate warning: only dossiers the user may see are named, and nothing is
    written until the client chooses one of them or a new dossier."""
    problem = problem_response(
        status_code=status.HTTP_409_CONFLICT,
        title=_("This person is probably in the file already."),
        detail=_(
            "Send the signal again with one of these dossiers as assessment, or with newDossier "
            "true for a new one."
        ),
    )
    problem.data["possibleDuplicates"] = numbers
    return problem


# --- viewsets ----------------------------------------------------------------------------------


class WeegploegViewSet(viewsets.GenericViewSet):
    permission_classes = [IsVerifiedMember, UsesWeegploegFile]

    def visible(self):
        return visible_assessments(self.request.user)

    def by_assessment(self, queryset):
        """The `assessment` query parameter: only those of one dossier number."""
        number = self.request.query_params.get("assessment")
        return queryset.filter(assessment__number=number) if number else queryset


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=AssessmentStatus.values),
            OpenApiParameter("search", OpenApiTypes.STR, description="Part of the dossier number."),
        ]
    ),
    retrieve=extend_schema(responses={200: AssessmentSerializer, **NOT_FOUND}),
)
class AssessmentViewSet(
    AccessLoggedRetrieveMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, WeegploegViewSet
):
    """The assessments (dossiers) the user may see (W4, P7), by dossier number. A retrieve of a
    dossier is recorded in the access log (S2)."""

    queryset = Assessment.objects.none()
    lookup_field = "number"

    def get_queryset(self):
        queryset = self.visible().select_related("veiligheidshuis")
        if self.action == "retrieve":
            return queryset.prefetch_related(
                Prefetch("signals", queryset=Signal.objects.select_related("assessment")),
                Prefetch(
                    "analyses",
                    queryset=Analysis.objects.select_related("assessment", "framework")
                    .prefetch_related(
                        Prefetch(
                            "findings",
                            queryset=CriterionFinding.objects.select_related("criterion"),
                        )
                    )
                    .order_by("recorded_at", "pk"),
                ),
                "additional_information",
                "expert_advice",
                "checks",
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.select_related("assessment").prefetch_related(
                        "advised_parties"
                    ),
                ),
            )
        state = self.request.query_params.get("status")
        if state:
            if state not in AssessmentStatus.values:
                raise ValidationError({"status": [_("Unknown status.")]})
            queryset = queryset.filter(status=state)
        search = self.request.query_params.get("search", "").strip()
        if search:
            queryset = queryset.filter(number__icontains=search)
        return queryset

    def get_serializer_class(self):
        return AssessmentSerializer if self.action == "retrieve" else AssessmentSummarySerializer

    # --- the uitvoerder's changes to one dossier (404 for whoever may not keep it) -----------

    def kept(self):
        assessment = keepable_assessments(self.request.user).filter(number=self.kwargs["number"])
        assessment = assessment.first()
        if assessment is None:
            raise NotFound(_("Not found."))
        return assessment

    def write(self, serializer_class, perform, *, status_code=status.HTTP_201_CREATED):
        """Validate the body with `serializer_class`, run the service through `perform(data)`,
        answer with what it made."""
        assessment = self.kept()
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        with service_call():
            result = perform(assessment, serializer.validated_data)
        return Response(
            serializer_class(result, context=self.get_serializer_context()).data,
            status=status_code,
        )

    @extend_schema(
        request=AdditionalInformationSerializer,
        responses={201: AdditionalInformationSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="informatie")
    def information(self, request, number=None):
        """Additional information from a party (CTER 7.2), while the assessment is open."""
        return self.write(
            AdditionalInformationSerializer,
            lambda assessment, data: services.add_information(assessment, by=request.user, **data),
        )

    @extend_schema(
        request=ExpertAdviceSerializer, responses={201: ExpertAdviceSerializer, **WRITE_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="expertadvies")
    def expert_advice(self, request, number=None):
        """Expert advice asked of the NCTV or another expert (CTER 7.5)."""
        return self.write(
            ExpertAdviceSerializer,
            lambda assessment, data: services.record_expert_advice(
                assessment, by=request.user, **data
            ),
        )

    @extend_schema(request=CheckSerializer, responses={201: CheckSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"], url_path="controles")
    def checks(self, request, number=None):
        """The periodic check (W5): correct, or corrected with what was corrected."""
        return self.write(
            CheckSerializer,
            lambda assessment, data: services.record_check(assessment, by=request.user, **data),
        )

    @extend_schema(
        request=ReopenSerializer,
        responses={200: AssessmentSummarySerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="heropenen")
    def reopen(self, request, number=None):
        """A decided assessment opens again with a recorded reason (W3); the decision stays."""
        assessment = self.kept()
        serializer = ReopenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_call():
            services.reopen(assessment, by=request.user, reason=serializer.validated_data["reason"])
        return Response(AssessmentSummarySerializer(assessment).data)


@extend_schema_view(
    list=extend_schema(parameters=[ASSESSMENT_FILTER]),
    retrieve=extend_schema(responses={200: SignalSerializer, **NOT_FOUND}),
    create=extend_schema(
        responses={
            201: SignalSerializer,
            **WRITE_ERRORS,
            **FORBIDDEN,
            (409, PROBLEM_JSON): KnownPersonProblemSerializer,
        }
    ),
)
class SignalViewSet(
    AccessLoggedRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    WeegploegViewSet,
):
    """Signals in the assessments the user may see. A member of a kernpartij enters signals for
    their own party, the uitvoerder on behalf of any kernpartij (W1); for another party the
    answer is 403. Free text naming race, ethnicity or nationality is refused (C8)."""

    queryset = Signal.objects.none()
    serializer_class = SignalSerializer

    def get_queryset(self):
        return self.by_assessment(
            Signal.objects.filter(assessment__in=self.visible()).select_related("assessment")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment = data.get("assessment")
        brought_by = data["brought_by"]
        region = data.get("veiligheidshuis")
        if region is None:
            region = (
                assessment.veiligheidshuis
                if assessment
                else only_region(brought_by.veiligheidshuizen.all(), field="veiligheidshuis")
            )
        if assessment is None and not data["new_dossier"]:
            duplicates = list(
                services.possible_duplicates(region, **data["person"])
                .filter(pk__in=self.visible().values("pk"))
                .order_by("number")
                .values_list("number", flat=True)
            )
            if duplicates:
                return known_person(duplicates)
        names = {field: f"person.{camel(field)}" for field in services.PERSON_FIELDS}
        denied = PermissionDenied(_("You may not enter signals for this party."))
        with service_call(names=names, denied=denied):
            signal = services.enter_signal(
                by=request.user,
                brought_by=brought_by,
                region=region,
                behaviour=data["behaviour"],
                observed_on=data["observed_on"],
                reporter_name=data["reporter_name"],
                reporter_contact=data["reporter_contact"],
                person=data.get("person"),
                assessment=assessment,
            )
        return created(self, signal)


def created(view, instance) -> Response:
    location = view.reverse_action("detail", kwargs={"pk": instance.pk})
    return Response(
        view.get_serializer(instance).data,
        status=status.HTTP_201_CREATED,
        headers={"Location": location},
    )


@extend_schema_view(
    list=extend_schema(parameters=[ASSESSMENT_FILTER]),
    retrieve=extend_schema(responses={200: AnalysisSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: AnalysisSerializer, **WRITE_ERRORS}),
)
class AnalysisViewSet(
    AccessLoggedRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    WeegploegViewSet,
):
    """Analyses of the assessments the user may see (W2). The uitvoerder records them; for
    anyone else, or a dossier the user may not keep, the answer is 404."""

    queryset = Analysis.objects.none()
    serializer_class = AnalysisSerializer

    def get_queryset(self):
        return self.by_assessment(
            Analysis.objects.filter(assessment__in=self.visible())
            .select_related("assessment", "framework")
            .prefetch_related(
                Prefetch("findings", queryset=CriterionFinding.objects.select_related("criterion"))
            )
            .order_by("-recorded_at", "-pk")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        findings = {
            row["criterion"].pk: (row["finding"], row["explanation"]) for row in data["findings"]
        }
        names = {"criterion": "findings", "finding": "findings", "explanation": "findings"}
        with service_call(names=names):
            analysis = services.record_analysis(
                data["assessment"],
                by=request.user,
                findings=findings,
                summary=data.get("summary", ""),
            )
        return created(self, analysis)


@extend_schema_view(
    list=extend_schema(parameters=[ASSESSMENT_FILTER]),
    retrieve=extend_schema(responses={200: DecisionSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: DecisionSerializer, **WRITE_ERRORS}),
)
class DecisionViewSet(
    AccessLoggedRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    WeegploegViewSet,
):
    """Decisions on the assessments the user may see, latest first (W3). The uitvoerder decides;
    for anyone else, or a dossier the user may not keep, the answer is 404."""

    queryset = Decision.objects.none()
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return self.by_assessment(
            Decision.objects.filter(assessment__in=self.visible())
            .select_related("assessment")
            .prefetch_related("advised_parties")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_call():
            decision = services.decide(
                data["assessment"],
                by=request.user,
                outcome=data["outcome"],
                reasons=data["reasons"],
                decided_on=data["decided_on"],
                advice_to_driehoek=data.get("advice_to_driehoek", ""),
                advised_parties=data.get("advised_parties", []),
            )
        return created(self, decision)


@extend_schema_view(
    retrieve=extend_schema(responses={200: MeetingSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: MeetingSerializer, **WRITE_ERRORS}),
)
class MeetingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, WeegploegViewSet
):
    """Weegploeg meetings with an assessment on the agenda that the user may see (W7). A retrieve
    records an access entry for each agenda item shown (S2)."""

    queryset = Meeting.objects.none()
    serializer_class = MeetingSerializer

    def get_queryset(self):
        items = AgendaItem.objects.filter(assessment__in=self.visible())
        return (
            Meeting.objects.filter(pk__in=items.values("meeting"))
            .select_related("veiligheidshuis")
            .prefetch_related(
                "present",
                Prefetch(
                    "items",
                    queryset=items.select_related("assessment").order_by("assessment__number"),
                ),
            )
            .order_by("-held_on", "-pk")
        )

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        log_access_many(meeting.items.all())
        return Response(self.get_serializer(meeting).data)

    @extend_schema(
        request=DiscussionSerializer, responses={200: AgendaItemSerializer, **WRITE_ERRORS}
    )
    @action(detail=True, methods=["post"], url_path="bespreking")
    def discussion(self, request, pk=None):
        """W7: what was discussed of one assessment on the agenda, by the uitvoerder; the
        assessment's latest decision goes with it."""
        meeting = self.get_object()
        serializer = DiscussionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = meeting.items.filter(assessment__number=data["assessment"]).first()
        if item is None:
            raise ValidationError({"assessment": [_("This assessment is not on the agenda.")]})
        with service_call():
            item = services.record_discussion(item, by=request.user, discussion=data["discussion"])
        return Response(AgendaItemSerializer(item).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        region = data.get("veiligheidshuis") or only_region(
            membership_of(request.user).party.veiligheidshuizen.all(), field="veiligheidshuis"
        )
        with service_call():
            meeting = services.hold_meeting(
                by=request.user,
                region=region,
                held_on=data["held_on"],
                present=data["present"],
                assessments=data["assessments"],
            )
        meeting = self.get_queryset().get(pk=meeting.pk)
        return created(self, meeting)


@extend_schema_view(
    list=extend_schema(parameters=[ASSESSMENT_FILTER]),
    retrieve=extend_schema(responses={200: CaseTransferSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: CaseTransferSerializer, **WRITE_ERRORS}),
)
class CaseTransferViewSet(
    AccessLoggedRetrieveMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    WeegploegViewSet,
):
    """Agenderingen (W6, C12): what of the dossiers the user may see went to a case, latest
    first. The uitvoerder agendeert; for anyone else, or a dossier the user may not keep, the
    answer is 404. The new case is at `/api/v1/casussen/{caseNumber}`."""

    queryset = CaseTransfer.objects.none()
    serializer_class = CaseTransferSerializer

    def get_queryset(self):
        return self.by_assessment(
            CaseTransfer.objects.filter(assessment__in=self.visible()).select_related("assessment")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        names = {"signal_ids": "signals", "finding_ids": "findings"}
        with service_call(names=names):
            case = services.agendeer(
                data["assessment"],
                by=request.user,
                casusoverleg=data["casusoverleg"],
                signal_ids=data["signals"],
                finding_ids=data["findings"],
                identity_method=data["identity_method"],
                identity_note=data["identity_note"],
            )
        return created(self, CaseTransfer.objects.get(case_number=case.number))
