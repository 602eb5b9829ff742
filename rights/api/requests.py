"""`/api/v1/verzoeken` (R1-R3, U5): the requests of subjects for the uitvoerder's systems, with
the permissions of the pages: who handles requests (the uitvoerder and the officers it
designates) lists and records them; a request of another Veiligheidshuis answers 404, anyone
who handles none gets 403. A request answers with its version as ETag; every action that
changes it needs that in If-Match (S1). Every step past the intake is refused (400) until the
identity is recorded (R2). Each read is access-logged (S2)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from config.api import NOT_FOUND, PROBLEM_JSON, WRITE_ERRORS, ProblemSerializer, service_call
from config.audit import ReadKind
from config.concurrency_api import (
    ETAG_HEADER,
    IF_MATCH_HEADER,
    PRECONDITION_ERRORS,
    ETagRetrieveMixin,
    if_match_version,
    stale_as_412,
    with_etag,
)
from config.read_audit import AccessLoggedViewSetMixin, action_response
from parties.permissions import IsVerifiedMember
from rights.api import requests_serializers as s
from rights.constants import LetterKind, RequestKind, RequestState
from rights.models import SubjectRequest
from rights.permissions.requests import handled_requests, may_handle_requests, request_regions
from rights.services import extension, intake, requests
from rights.services.deadlines import covered_refs
from rights.services.request_audit import log_request_read
from subjects.registry import DossierRef

FORBIDDEN = {(403, PROBLEM_JSON): ProblemSerializer}
CHANGE_ERRORS = {**WRITE_ERRORS, **PRECONDITION_ERRORS}


class HandlesRequests(permissions.BasePermission):
    """The list and the intake are refused (403) to who handles no requests; one request is
    looked up among those the user handles, so another's answers 404, as its page does."""

    def has_permission(self, request, view):
        return view.detail or may_handle_requests(request.user)


def _change(request_serializer=None, **kwargs):
    return extend_schema(
        request=request_serializer,
        parameters=[IF_MATCH_HEADER],
        responses={200: s.SubjectRequestSerializer, **CHANGE_ERRORS, **FORBIDDEN},
        **kwargs,
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=RequestState.values),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=RequestKind.values),
            OpenApiParameter("search", OpenApiTypes.STR, description="Part of the number."),
        ],
        responses={200: s.SubjectRequestSummarySerializer(many=True), **FORBIDDEN},
    ),
    retrieve=extend_schema(
        parameters=[ETAG_HEADER],
        responses={200: s.SubjectRequestSerializer, **NOT_FOUND, **FORBIDDEN},
    ),
    create=extend_schema(responses={201: s.SubjectRequestSerializer, **WRITE_ERRORS, **FORBIDDEN}),
)
class SubjectRequestViewSet(
    ETagRetrieveMixin,
    AccessLoggedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The requests of subjects the user handles, by number (R1, U3)."""

    queryset = SubjectRequest.objects.none()
    permission_classes = [IsVerifiedMember, HandlesRequests]
    lookup_field = "number"

    def get_queryset(self):
        queryset = handled_requests(self.request.user).select_related("veiligheidshuis")
        if self.action != "list":
            return queryset.prefetch_related("dossiers", "letters")
        query = self.request.query_params
        state = query.get("state")
        if state:
            if state not in RequestState.values:
                raise ValidationError({"state": [_("Unknown state.")]})
            queryset = queryset.filter(state=state)
        kind = query.get("kind")
        if kind:
            if kind not in RequestKind.values:
                raise ValidationError({"kind": [_("Unknown right.")]})
            queryset = queryset.filter(kinds__icontains=f'"{kind}"')
        search = query.get("search", "").strip()
        if search:
            queryset = queryset.filter(number__icontains=search[:20])
        return queryset.order_by("due_on", "pk")

    def get_serializer_class(self):
        if self.action == "list":
            return s.SubjectRequestSummarySerializer
        return s.SubjectRequestSerializer

    def retrieve(self, request, *args, **kwargs):
        subject_request = self.get_object()
        log_request_read(
            request, subject_request, kind=ReadKind.DETAIL, dossiers=covered_refs(subject_request)
        )
        return with_etag(Response(self.get_serializer(subject_request).data), subject_request)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        region = data.pop("veiligheidshuis", None)
        if region is None:
            regions = list(request_regions(request.user))
            if len(regions) != 1:
                raise ValidationError({"veiligheidshuis": [_("Name the Veiligheidshuis.")]})
            region = regions[0]
        with service_call():
            subject_request = intake.receive_request(
                by=request.user, veiligheidshuis=region, **data
            )
        location = self.reverse_action("detail", kwargs={"number": subject_request.number})
        response = action_response(
            request,
            [subject_request],
            s.SubjectRequestSerializer(subject_request).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )
        return with_etag(response, subject_request)

    # --- the steps of one request --------------------------------------------------------------

    def handled(self) -> SubjectRequest:
        subject_request = handled_requests(self.request.user).filter(number=self.kwargs["number"])
        found = subject_request.select_related("veiligheidshuis").first()
        if found is None:
            raise NotFound(_("Not found."))
        return found

    def answer(self, subject_request, *, status_code=status.HTTP_200_OK):
        subject_request.refresh_from_db()
        data = s.SubjectRequestSerializer(subject_request).data
        response = action_response(self.request, [subject_request], data, status=status_code)
        return with_etag(response, subject_request)

    def change(self, serializer_class, perform):
        subject_request = self.handled()
        data = {}
        if serializer_class is not None:
            serializer = serializer_class(data=self.request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        with service_call(), stale_as_412():
            perform(subject_request, data, if_match_version(self.request))
        return self.answer(subject_request)

    @_change(s.RequestIdentitySerializer)
    @action(detail=True, methods=["post"])
    def identiteit(self, request, number=None):
        """R2: how the identity of the requester was established; no copy of a document."""
        return self.change(
            s.RequestIdentitySerializer,
            lambda r, data, version: intake.record_identity(
                r, by=request.user, expected_version=version, **data
            ),
        )

    @extend_schema(
        responses={200: s.DossierCandidateSerializer(many=True), **WRITE_ERRORS, **FORBIDDEN}
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def zoeken(self, request, number=None):
        """The dossiers found for the person in every file of the request's Veiligheidshuis
        (400 before the identity is recorded). The search is access-logged."""
        subject_request = self.handled()
        with service_call():
            found = requests.find_candidates(subject_request, by=request.user)
        return Response(s.DossierCandidateSerializer(found, many=True).data)

    @_change(s.DossierChoiceSerializer)
    @action(detail=True, methods=["post"])
    def bevestigen(self, request, number=None):
        """The handler confirms that a dossier found is about the requester."""
        return self.change(
            s.DossierChoiceSerializer,
            lambda r, data, version: requests.confirm_dossier(
                r,
                DossierRef(data["file_label"], data["dossier_key"]),
                by=request.user,
                expected_version=version,
            ),
        )

    @_change(s.DossierChoiceSerializer)
    @action(detail=True, methods=["post"])
    def ontbevestigen(self, request, number=None):
        """A confirmed dossier taken back, before the request is answered."""
        return self.change(
            s.DossierChoiceSerializer,
            lambda r, data, version: requests.unconfirm_dossier(
                r,
                DossierRef(data["file_label"], data["dossier_key"]),
                by=request.user,
                expected_version=version,
            ),
        )

    @_change(s.RequestExtensionSerializer)
    @action(detail=True, methods=["post"])
    def verlengen(self, request, number=None):
        """R3: extend the term by two months, with reasons, while the first term runs; the
        letter to the requester is made (see `letters`)."""
        return self.change(
            s.RequestExtensionSerializer,
            lambda r, data, version: extension.extend_term(
                r, by=request.user, reasons=data["reasons"], expected_version=version
            ),
        )

    @extend_schema(
        request=s.ExtensionLetterSentSerializer,
        responses={200: s.SubjectRequestSerializer, **WRITE_ERRORS, **FORBIDDEN},
    )
    @action(detail=True, methods=["post"], url_path="verlengingsbrief-verzonden")
    def letter_sent(self, request, number=None):
        """When and how the extension letter was sent to the requester."""
        subject_request = self.handled()
        serializer = s.ExtensionLetterSentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        letter = subject_request.letters.filter(
            pk=data["letter"], kind=LetterKind.EXTENSION
        ).first()
        if letter is None:
            raise ValidationError({"letter": [_("No such letter about the extension.")]})
        with service_call():
            extension.record_letter_sent(
                letter, by=request.user, sent_on=data.get("sent_on"), means=data["means"]
            )
        return self.answer(subject_request)

    @_change(s.RequestAnsweredSerializer)
    @action(detail=True, methods=["post"])
    def afgerond(self, request, number=None):
        """The request has been answered."""
        return self.change(
            s.RequestAnsweredSerializer,
            lambda r, data, version: requests.mark_answered(
                r, by=request.user, answered_on=data.get("answered_on"), expected_version=version
            ),
        )

    @_change(s.RequestWithdrawnSerializer)
    @action(detail=True, methods=["post"])
    def ingetrokken(self, request, number=None):
        """The requester withdrew the request."""
        return self.change(
            s.RequestWithdrawnSerializer,
            lambda r, data, version: requests.withdraw(
                r, by=request.user, withdrawn_on=data.get("withdrawn_on"), expected_version=version
            ),
        )


ROUTES = [("verzoeken", SubjectRequestViewSet)]
