"""The base of the weegploeg viewsets and the assessments (dossiers) with the uitvoerder's changes
to one of them."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError

from config import nested
from config.api import NOT_FOUND, PROBLEM_JSON, WRITE_ERRORS, ProblemSerializer, service_call
from config.nested import Nested
from config.read_audit import AccessLoggedViewSetMixin, action_response
from parties.models import Veiligheidshuis
from parties.permissions import IsVerifiedMember
from weegploeg import selectors, services
from weegploeg.api.permissions import UsesWeegploegFile
from weegploeg.api.serializers import (
    AdditionalInformationSerializer,
    AssessmentSerializer,
    AssessmentSummarySerializer,
    CheckSerializer,
    ExpertAdviceSerializer,
    ReopenSerializer,
)
from weegploeg.constants import AssessmentStatus
from weegploeg.models import (
    AdditionalInformation,
    Analysis,
    Assessment,
    Check,
    CriterionFinding,
    Decision,
    ExpertAdvice,
    Signal,
)

FORBIDDEN = {(403, PROBLEM_JSON): ProblemSerializer}


ASSESSMENT_FILTER = OpenApiParameter(
    "assessment", OpenApiTypes.STR, description="Only those of the assessment with this number."
)


def only_region(regions, *, field: str) -> Veiligheidshuis:
    regions = list(regions)
    if len(regions) != 1:
        raise ValidationError({field: [_("Name the Veiligheidshuis.")]})
    return regions[0]


def dossier_rows(user) -> tuple[Nested, ...]:
    """The rows of a dossier read in the assessment's own query (`config.nested`, ADR 0032):
    those a reader sees of its signals, additional information and expert advice (a restricted
    one only for the keeper of its file, marked: `selectors.dossier_rows`, R6) and its checks."""
    return (
        Nested("signals", selectors.dossier_rows(user, Signal)),
        Nested("additional_information", selectors.dossier_rows(user, AdditionalInformation)),
        Nested("expert_advice", selectors.dossier_rows(user, ExpertAdvice)),
        Nested("checks", Check.objects.all()),
    )


def dossier_contents() -> tuple:
    """What the API shows of one dossier besides `dossier_rows`, prefetched: the analyses with
    their findings and the decisions with the parties advised (none can be restricted). The rows
    name their assessment by its number: it is set from the prefetch, not read again."""
    return (
        Prefetch(
            "analyses",
            queryset=Analysis.objects.select_related("framework")
            .prefetch_related(
                Prefetch("findings", queryset=CriterionFinding.objects.select_related("criterion"))
            )
            .order_by("recorded_at", "pk"),
        ),
        Prefetch("decisions", queryset=Decision.objects.prefetch_related("advised_parties")),
    )


class WeegploegViewSet(viewsets.GenericViewSet):
    permission_classes = [IsVerifiedMember, UsesWeegploegFile]

    def visible(self):
        return selectors.visible_assessments(self.request.user)

    def by_assessment(self, queryset):
        """The `assessment` query parameter: only those of one dossier number."""
        number = self.request.query_params.get("assessment")
        return queryset.filter(assessment__number=number) if number else queryset


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=[*AssessmentStatus.values, selectors.ARCHIVED],
                description="Without it, archived dossiers are left out (B3).",
            ),
            OpenApiParameter("search", OpenApiTypes.STR, description="Part of the dossier number."),
        ]
    ),
    retrieve=extend_schema(responses={200: AssessmentSerializer, **NOT_FOUND}),
)
class AssessmentViewSet(
    AccessLoggedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, WeegploegViewSet
):
    """The assessments (dossiers) the user may see (W4, P7), by dossier number. A retrieve and
    a list are recorded in the access log, one entry per dossier (S2)."""

    queryset = Assessment.objects.none()
    lookup_field = "number"

    @cached_property
    def dossier_rows(self) -> tuple[Nested, ...]:
        """`dossier_rows` of the request's user, built once for the query that reads them and
        the attaching of what it read (issue 13: building them is most of a detail's Python)."""
        return dossier_rows(self.request.user)

    def get_queryset(self):
        queryset = self.visible().select_related("veiligheidshuis")
        if self.action == "retrieve":
            return nested.read_with(queryset, *self.dossier_rows)
        state = self.request.query_params.get("status", "")
        if state and state not in dict(selectors.list_statuses()):
            raise ValidationError({"status": [_("Unknown status.")]})
        queryset = selectors.listed(queryset, state)  # B3: archived only when asked for
        search = self.request.query_params.get("search", "").strip()
        if search:
            queryset = queryset.filter(number__icontains=search)
        return queryset

    def get_serializer_class(self):
        return AssessmentSerializer if self.action == "retrieve" else AssessmentSummarySerializer

    def get_object(self):
        """The assessment, read once (404 for whoever may not see it) with the rows of
        `dossier_rows` (R6: the keeper of the dossier's file reads its restricted items too,
        marked), then the rest of what it shows (`dossier_contents`)."""
        assessment = super().get_object()
        if self.action == "retrieve":
            nested.attach([assessment], *self.dossier_rows)
            prefetch_related_objects([assessment], *dossier_contents())
        return assessment

    # --- the uitvoerder's changes to one dossier (404 for whoever may not keep it) -----------

    def kept(self):
        assessment = selectors.get_keepable_assessment(self.request.user, self.kwargs["number"])
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
        return action_response(
            self.request,
            [result],
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
        return action_response(request, [assessment], AssessmentSummarySerializer(assessment).data)
