"""Case meetings (C4)."""

from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.response import Response

from cases import meeting_services
from cases.api.serializers import CaseMeetingSerializer, CaseMeetingSummarySerializer
from cases.api.viewsets import CASE_FILTER, CasesViewSet
from cases.models import CaseMeeting, Discussion
from config.api import NOT_FOUND
from config.audit import log_access_many
from parties.constants import Function
from parties.permissions import functions_of, membership_of


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
