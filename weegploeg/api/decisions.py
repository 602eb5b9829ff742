"""Analyses (W2) and decisions (W3)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from config.api import NOT_FOUND, WRITE_ERRORS, service_call
from config.read_audit import AccessLoggedViewSetMixin, created
from weegploeg import selectors, services
from weegploeg.api.serializers import AnalysisSerializer, DecisionSerializer
from weegploeg.api.viewsets import ASSESSMENT_FILTER, WeegploegViewSet
from weegploeg.models import Analysis, Decision


@extend_schema_view(
    list=extend_schema(parameters=[ASSESSMENT_FILTER]),
    retrieve=extend_schema(responses={200: AnalysisSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: AnalysisSerializer, **WRITE_ERRORS}),
)
class AnalysisViewSet(
    AccessLoggedViewSetMixin,
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
            selectors.dossier_rows(self.request.user, Analysis)
            .select_related("assessment", "framework")
            # The findings' few criteria read once and shared, not joined to every finding
            # (issue 13: 50 analyses hold some 650 findings of a dozen criteria).
            .prefetch_related("findings__criterion")
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
    AccessLoggedViewSetMixin,
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
            selectors.dossier_rows(self.request.user, Decision)
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
