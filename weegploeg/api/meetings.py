"""Weegploeg meetings (W7) and agenderingen (W6, C12)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from config.api import NOT_FOUND, WRITE_ERRORS, service_call
from config.api_input import AgendaPagination
from config.concurrency_api import (
    ETAG_HEADER,
    IF_MATCH_HEADER,
    PRECONDITION_ERRORS,
    ETagRetrieveMixin,
    if_match_version,
    stale_as_412,
)
from config.read_audit import AccessLoggedViewSetMixin, action_response, created
from parties.permissions import membership_of
from weegploeg import selectors, services
from weegploeg.api.serializers import (
    AgendaItemSerializer,
    CaseTransferSerializer,
    DiscussionSerializer,
    MeetingSerializer,
    MeetingSummarySerializer,
)
from weegploeg.api.viewsets import ASSESSMENT_FILTER, WeegploegViewSet, only_region
from weegploeg.models import CaseTransfer, Meeting


@extend_schema_view(
    list=extend_schema(responses={200: MeetingSummarySerializer(many=True)}),
    retrieve=extend_schema(
        parameters=[ETAG_HEADER], responses={200: MeetingSerializer, **NOT_FOUND}
    ),
    create=extend_schema(responses={201: MeetingSerializer, **WRITE_ERRORS}),
)
class MeetingViewSet(
    ETagRetrieveMixin,
    AccessLoggedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    WeegploegViewSet,
):
    """Weegploeg meetings as the user sees them (W7, ADR 0011): the keeper every meeting of its
    Veiligheidshuis, a kernpartij those with an assessment on the agenda that it may see, and
    only those agenda items. The list gives the number of those items (ADR 0038); a meeting
    shows them, and records an access entry for each dossier on its agenda shown (S2)."""

    pagination_class = AgendaPagination
    queryset = Meeting.objects.none()

    def get_serializer_class(self):
        return MeetingSummarySerializer if self.action == "list" else MeetingSerializer

    def dossiers_read(self, rows):
        if self.action == "list":
            return []  # a count of the agenda shows no dossier (ADR 0038)
        return [item for meeting in rows for item in meeting.items.all()]

    def get_queryset(self):
        user = self.request.user
        listed = self.action == "list"
        meetings = (
            selectors.meetings_for(user)
            .select_related("veiligheidshuis")
            .prefetch_related("present")
            .order_by("-held_on", "-pk")
        )
        if listed:
            return meetings.annotate(shown_items=selectors.shown_item_count(user))
        items = selectors.visible_agenda_items(user).select_related("assessment")
        return meetings.prefetch_related(
            Prefetch("items", queryset=items.order_by("assessment__number_order"))
        )

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
        return action_response(request, [item], AgendaItemSerializer(item).data)

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
    AccessLoggedViewSetMixin,
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
            selectors.dossier_rows(self.request.user, CaseTransfer).select_related("assessment")
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
