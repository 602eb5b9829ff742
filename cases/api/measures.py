"""The measures of the plans and their progress (C3)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action

from cases import services
from cases.api.serializers import MeasureSerializer, ProgressNoteSerializer
from cases.api.viewsets import CASE_FILTER, CasesViewSet, measures_with_notes
from cases.models import Measure
from cases.permissions import seen_case_q
from config.api import NOT_FOUND, WRITE_ERRORS, service_call
from config.concurrency_api import (
    ETAG_HEADER,
    IF_MATCH_HEADER,
    PRECONDITION_ERRORS,
    ETagRetrieveMixin,
    if_match_version,
    stale_as_412,
)
from config.read_audit import AccessLoggedViewSetMixin, action_response, created


@extend_schema_view(
    list=extend_schema(parameters=[CASE_FILTER]),
    retrieve=extend_schema(
        parameters=[ETAG_HEADER], responses={200: MeasureSerializer, **NOT_FOUND}
    ),
    create=extend_schema(responses={201: MeasureSerializer, **WRITE_ERRORS}),
    voortgang=extend_schema(
        request=ProgressNoteSerializer,
        parameters=[IF_MATCH_HEADER],
        responses={201: ProgressNoteSerializer, **WRITE_ERRORS, **PRECONDITION_ERRORS},
    ),
)
class MeasureViewSet(
    ETagRetrieveMixin,
    AccessLoggedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    CasesViewSet,
):
    """The measures of the plans of the cases the user may see (C3). The keeper of the case adds
    them; progress (`voortgang`) is reported by the members of the owning party, the casemanager
    or the keeper. For anyone else, or a case the user may not keep, the answer is 404.
    A measure answers with its version as ETag; progress needs it in If-Match (S1)."""

    queryset = Measure.objects.none()
    serializer_class = MeasureSerializer

    def get_queryset(self):
        # Against the user's permission rows (issue 13), not every case read to match them:
        # the list is read in the order of `measure_list_order` until the page is full, or
        # from the permission rows when they are few.
        seen = seen_case_q(self.request.user, "case", from_rows=None)
        return self.by_case(measures_with_notes().filter(seen).select_related("case"))

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
        """Report progress on a measure, and optionally its new status (CTER 9.4). If-Match
        carries the measure's ETag as it was read: 412 when someone else reported since."""
        measure = self.get_object()
        serializer = ProgressNoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_call(), stale_as_412():
            note = services.report_progress(
                measure,
                by=request.user,
                text=data["text"],
                status=data.get("status"),
                expected_version=if_match_version(request),
            )
        location = self.reverse_action("detail", kwargs={"pk": measure.pk})
        return action_response(
            request,
            [note],
            ProgressNoteSerializer(note).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )
