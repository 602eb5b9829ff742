"""The base of the case viewsets, the casusoverleggen and the cases (C1, C11, S1, S2)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from cases import selectors, transfer_services
from cases.api.serializers import (
    CaseSerializer,
    CaseSummarySerializer,
    CasusOverlegSerializer,
    CopySerializer,
    HistoryRowSerializer,
)
from cases.constants import CaseStatus
from cases.history import case_history
from cases.models import (
    Case,
    CaseFinding,
    CaseParticipant,
    CaseSignal,
    CasusOverleg,
    Closing,
    Measure,
    PlanGoal,
    ProgressNote,
    RelatedPerson,
)
from config import nested
from config.api import NOT_FOUND, WRITE_ERRORS, as_api_error, service_call
from config.api_input import as_id
from config.audit import ReadKind, log_reads
from config.concurrency_api import ETAG_HEADER, ETagRetrieveMixin
from config.nested import Nested
from config.read_audit import AccessLoggedViewSetMixin, action_response
from config.related_pks import related_pks
from parties.permissions import IsVerifiedMember
from subjects.restriction import marked, reading_restricted

CASE_FILTER = OpenApiParameter(
    "case", OpenApiTypes.STR, description="Only those of the case with this number."
)


class CasesViewSet(viewsets.GenericViewSet):
    permission_classes = [IsVerifiedMember]

    def visible(self):
        return selectors.visible_cases(self.request.user)

    def by_case(self, queryset):
        """The `case` query parameter: only those of one case number."""
        number = self.request.query_params.get("case")
        return queryset.filter(case__number=number) if number else queryset


def measures_with_notes(notes=None):
    """Measures with their progress notes, newest first (`notes`: the notes' queryset)."""
    notes = ProgressNote.objects.all() if notes is None else notes
    return Measure.objects.prefetch_related(
        Prefetch("notes", queryset=notes.order_by("-written_at", "-pk"))
    )


def case_rows() -> tuple[Nested, ...]:
    """The rows of a case read in the case's own query (`config.nested`, ADR 0032): its
    participants, goals and closings, none of which can be restricted."""
    return (
        Nested("participants", CaseParticipant.objects.all()),
        Nested("goals", PlanGoal.objects.order_by("goal")),
        Nested("closings", Closing.objects.all()),
    )


def case_contents() -> tuple:
    """What the API shows of one case besides `case_rows`, built at each read: the item
    querysets leave the restricted rows out unless built inside `reading_restricted`, and mark
    each row `restricted` in the same query (R6; issue 13: no query of their own)."""
    return (
        Prefetch("signals", queryset=marked(CaseSignal)),
        Prefetch("findings", queryset=marked(CaseFinding).order_by("pk")),
        Prefetch("measures", queryset=measures_with_notes(marked(ProgressNote))),
        Prefetch("related_people", queryset=marked(RelatedPerson).order_by("pk")),
    )


class CasusOverlegViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, CasesViewSet):
    """The casusoverleggen (modules) with their covenant, controller, participating parties and
    retention terms (C11), for every user who may act."""

    queryset = CasusOverleg.objects.select_related("veiligheidshuis")
    serializer_class = CasusOverlegSerializer

    def paginate_queryset(self, queryset):
        # A page's terms and parties read at once, each in one query (issue 13).
        page = super().paginate_queryset(queryset)
        self.terms_by_pk = selectors.casusoverleg_terms_by_pk(page if page is not None else [])
        self.page_pks = {"participants": related_pks(page or [], "participants")}
        return page

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "terms_by_pk": getattr(self, "terms_by_pk", {}),
            "page_pks": getattr(self, "page_pks", {}),
        }


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "casusoverleg", OpenApiTypes.INT, description="Id of the casusoverleg."
            ),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=CaseStatus.values,
                description="Without it, archived cases are left out (B3).",
            ),
            OpenApiParameter("search", OpenApiTypes.STR, description="Part of the case number."),
        ]
    ),
    retrieve=extend_schema(parameters=[ETAG_HEADER], responses={200: CaseSerializer, **NOT_FOUND}),
)
class CaseViewSet(
    ETagRetrieveMixin,
    AccessLoggedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    CasesViewSet,
):
    """The cases the user may see (C1, S1), by case number: the parties taking part; an archived
    case only for kernpartijen. Everyone else, external partners included, gets 404 on a case and
    an empty list. A retrieve and a list are recorded in the access log, one entry per case (S2)."""

    queryset = Case.objects.none()
    lookup_field = "number"

    def get_queryset(self):
        queryset = self.visible().annotate(has_overdue_measures=selectors.has_overdue_measures())
        if self.action == "retrieve":
            return nested.read_with(queryset.select_related("casusoverleg"), *case_rows())
        params = self.request.query_params
        overleg = params.get("casusoverleg")
        if overleg:
            if as_id(overleg) is None:
                raise ValidationError({"casusoverleg": [_("Give the id of a casusoverleg.")]})
            queryset = queryset.filter(casusoverleg=overleg)
        state = params.get("status", "")
        if state and state not in CaseStatus.values:
            raise ValidationError({"status": [_("Unknown status.")]})
        queryset = selectors.listed(queryset, state)  # B3: archived only when asked for
        search = params.get("search", "").strip()
        if search:
            queryset = queryset.filter(number__icontains=search)
        return queryset

    def get_serializer_class(self):
        return CaseSerializer if self.action == "retrieve" else CaseSummarySerializer

    def get_object(self):
        """The case, read once (404 for whoever may not see it) with `case_rows`, then the rest
        of what it shows (`case_contents`; R6: the keeper of the case's file reads its
        restricted items too, marked)."""
        case = super().get_object()
        if self.action == "retrieve":
            nested.attach([case], *case_rows())
            with reading_restricted(selectors.sees_restricted(self.request.user, case)):
                prefetch_related_objects([case], *case_contents())
        return case

    @extend_schema(request=CopySerializer, responses={201: CopySerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"], url_path="kopieen")
    def copies(self, request, number=None):
        """C10: the keeper copies an active case to the casusoverleg where the subject moved,
        on its request and after its controller's recorded check (VH 20.2b). 404 for anyone
        who does not keep the case."""
        case = selectors.get_keepable_case(request.user, number)
        if case is None:
            raise NotFound(_("Not found."))
        serializer = CopySerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        names = {"to": "toCasusoverleg"}
        errors = selectors.copy_request_errors(
            data["to_casusoverleg"], data["requested_by"], data["checked_by"]
        )
        if errors:
            raise as_api_error(DjangoValidationError(errors), names)
        with service_call(names=names):
            copy = transfer_services.copy_for_moved_subject(
                case,
                to=data["to_casusoverleg"],
                by=request.user,
                requested_by=data["requested_by"],
                checked_by=data["checked_by"],
                check_note=data["check_note"],
            )
        copy_out = case.copies_out.get(to_case_number=copy.number)
        return action_response(
            request,
            [copy_out],
            CopySerializer(copy_out, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses={200: HistoryRowSerializer(many=True), **NOT_FOUND})
    @action(detail=True, methods=["get"], url_path="geschiedenis", pagination_class=None)
    def history(self, request, number=None):
        """The latest changes of the case from the audit log (S2), as on the case page: who,
        for which party, when, what, and which fields, never their values."""
        case = self.get_object()
        log_reads(request, [case], kind=ReadKind.DETAIL)
        return Response(HistoryRowSerializer(case_history(case), many=True).data)
