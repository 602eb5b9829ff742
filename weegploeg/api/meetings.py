"""Weegploeg meetings (W7) and agenderingen (W6, C12)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from config.api import NOT_FOUND, WRITE_ERRORS, service_call
from config.audit import AccessLoggedRetrieveMixin, log_access_many
from config.concurrency_api import (
    ETAG_HEADER,
    IF_MATCH_HEADER,
    PRECONDITION_ERRORS,
    if_match_version,
    stale_as_412,
    with_etag,
)
from parties.permissions import membership_of
from weegploeg import services
from weegploeg.api.serializers import (
    AgendaItemSerializer,
    CaseTransferSerializer,
    DiscussionSerializer,
    MeetingSerializer,
)
from weegploeg.api.viewsets import ASSESSMENT_FILTER, WeegploegViewSet, created, only_region
from weegploeg.models import AgendaItem, CaseTransfer, Meeting


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[ETAG_HEADER], responses={200: MeetingSerializer, **NOT_FOUND}
    ),
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
        return with_etag(Response(self.get_serializer(meeting).data), meeting)

    @extend_schema(
        request=DiscussionSerializer,
        parameters=[IF_MATCH_HEADER],
        responses={200: AgendaItemSerializer, **WRITE_ERRORS, **PRECONDITION_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="bespreking")
    def discussion(self, request, pk=None):
        """W7: what was discussed of one assessment on the agenda, by the uitvoerder; the
        assessment's latest decision goes with it. If-Match carries the meeting's ETag as it
        was read: 412 when someone else recorded a discussion of the meeting since (S1)."""
        meeting = self.get_object()
        serializer = DiscussionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        item = meeting.items.filter(assessment__number=data["assessment"]).first()
        if item is None:
            raise ValidationError({"assessment": [_("This assessment is not on the agenda.")]})
        with service_call(), stale_as_412():
            item = services.record_discussion(
                item,
                by=request.user,
                discussion=data["discussion"],
                expected_version=if_match_version(request),
            )
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
