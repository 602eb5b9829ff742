"""The base of the weegploeg viewsets and the assessments (dossiers) with the uitvoerder's changes
to one of them."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError

from config.api import NOT_FOUND, PROBLEM_JSON, WRITE_ERRORS, ProblemSerializer, service_call
from config.read_audit import AccessLoggedViewSetMixin, action_response
from parties.models import Veiligheidshuis
from parties.permissions import IsVerifiedMember
from subjects.restriction import mark_restricted, reading_restricted
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
from weegploeg.models import Analysis, Assessment, CriterionFinding, Decision, Signal

FORBIDDEN = {(403, PROBLEM_JSON): ProblemSerializer}


ASSESSMENT_FILTER = OpenApiParameter(
    "assessment", OpenApiTypes.STR, description="Only those of the assessment with this number."
)


def only_region(regions, *, field: str) -> Veiligheidshuis:
    regions = list(regions)
    if len(regions) != 1:
        raise ValidationError({field: [_("Name the Veiligheidshuis.")]})
    return regions[0]


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
        """R6: the keeper of the dossier's file reads its restricted items too, marked."""
        if self.action != "retrieve":
            return super().get_object()
        found = selectors.get_visible_assessment(self.request.user, self.kwargs["number"])
        with reading_restricted(selectors.sees_restricted(self.request.user, found)):
            assessment = super().get_object()
        mark_restricted(selectors.restrictable_rows(assessment))
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
