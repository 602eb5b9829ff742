"""Case meetings (C4)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.response import Response

from cases import selectors
from cases.api.serializers import CaseMeetingSerializer, CaseMeetingSummarySerializer
from cases.api.viewsets import CASE_FILTER, CasesViewSet
from cases.models import CaseMeeting, Discussion
from config.api import NOT_FOUND
from config.api_input import AgendaPagination
from config.audit import ReadKind, log_reads
from config.read_audit import AccessLoggedViewSetMixin


@extend_schema_view(
    list=extend_schema(parameters=[CASE_FILTER]),
    retrieve=extend_schema(responses={200: CaseMeetingSerializer, **NOT_FOUND}),
)
class MeetingViewSet(
    AccessLoggedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, CasesViewSet
):
    """Case meetings (C4) as the pages show them (ADR 0011): the chairs and the keeper of the
    casusoverleg see every case on the agenda of its meetings; any other user a meeting with a
    case on its agenda that it may see, and only those cases. The list gives the number of
    those cases (ADR 0038); a meeting shows them, and records an access entry for each case
    shown (S2), as the list does for the case asked for in `case`."""

    pagination_class = AgendaPagination
    queryset = CaseMeeting.objects.none()

    def get_serializer_class(self):
        return CaseMeetingSerializer if self.action == "retrieve" else CaseMeetingSummarySerializer

    def dossiers_read(self, rows):
        return [discussion for meeting in rows for discussion in meeting.asked_discussions]

    def get_queryset(self):
        user = self.request.user
        meetings = selectors.meetings_for(user).prefetch_related("attendees")
        if self.action != "list":
            return meetings
        meetings = meetings.annotate(shown_cases=selectors.shown_case_count(user))
        number = self.request.query_params.get("case")
        asked = Discussion.objects.none()  # prefetched without a query
        if number:
            # Listed because the case is on their agenda: each row a read of that case (S2).
            asked = selectors.visible_discussions(user).filter(case__number=number)
            meetings = meetings.filter(pk__in=asked.values("meeting"))
        return meetings.prefetch_related(
            Prefetch(
                "discussions", queryset=asked.select_related("case"), to_attr="asked_discussions"
            )
        ).order_by("-held_on", "-pk")

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        meeting.agenda_items = selectors.agenda_for(request.user, meeting)
        log_reads(request, [item.case for item in meeting.agenda_items], kind=ReadKind.DETAIL)
        return Response(self.get_serializer(meeting).data)
