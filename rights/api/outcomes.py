"""The outcomes of a request in the API (R4-R7, U5): detail actions under
`/api/v1/verzoeken/{number}/...`, beside the request's own viewset on the same prefix. The
same permissions as the pages: only the requests the user handles (404 for any other), and
nothing before the identity is recorded (400)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api import NOT_FOUND, WRITE_ERRORS, service_call
from config.audit import ReadKind, log_reads
from config.read_audit import action_response
from parties.permissions import IsVerifiedMember
from rights.api import outcome_serializers as s
from rights.constants import LetterKind
from rights.models import Notice, ObjectionDecision, Withholding
from rights.outcome_constants import ChangeAction
from rights.permissions.requests import handled_requests
from rights.services import execution, objection, refusal
from rights.services import overview as overview_service
from rights.services.outcome_common import check_step, parse_item
from rights.views.outcomes import OUTCOME_LETTERS


def _path_id(name):
    return OpenApiParameter(name, OpenApiTypes.INT, location=OpenApiParameter.PATH)


# A read answers 400 too: before the identity is recorded (R2).
READ_ERRORS = WRITE_ERRORS


class RequestOutcomeViewSet(viewsets.GenericViewSet):
    """The outcomes of a subject's request: the access overview (JSON and PDF), withholdings
    and the reasoned letter, rectification, erasure and restriction with the notices to the
    recipients in the records, the decision on an objection, and the outcome letters."""

    permission_classes = [IsVerifiedMember]
    lookup_field = "number"
    serializer_class = s.LetterSerializer

    def get_queryset(self):
        return handled_requests(self.request.user).select_related("veiligheidshuis")

    def guarded(self):
        """The request, after the identity guard (R2): 400 before it is recorded."""
        subject_request = self.get_object()
        with service_call():
            check_step(subject_request, by=self.request.user)
        return subject_request

    def shown(self, subject_request, data, **kwargs):
        return action_response(self.request, [subject_request], data, **kwargs)

    # --- R4: the overview ------------------------------------------------------------------

    @extend_schema(
        methods=["GET"],
        responses={200: OpenApiTypes.OBJECT, **READ_ERRORS},
        description="R4: the overview as JSON (the machine-readable copy, AVG 15.3).",
    )
    @extend_schema(
        methods=["POST"],
        request=None,
        responses={201: s.LetterSerializer, **WRITE_ERRORS},
        description="R4: make the overview as a PDF letter.",
    )
    @action(detail=True, methods=["get", "post"], url_path="overzicht")
    def overview(self, request, number=None):
        subject_request = self.get_object()
        with service_call():
            if request.method == "POST":
                letter = overview_service.make_overview_letter(subject_request, by=request.user)
                return Response(s.LetterSerializer(letter).data, status=status.HTTP_201_CREATED)
            return Response(overview_service.overview_document(subject_request, by=request.user))

    @extend_schema(responses={200: s.LetterSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], url_path="uitkomstbrieven", pagination_class=None)
    def letters(self, request, number=None):
        subject_request = self.guarded()
        letters = subject_request.letters.filter(kind__in=OUTCOME_LETTERS).defer("pdf")
        return Response(s.LetterSerializer(letters, many=True).data)

    @extend_schema(
        operation_id="verzoeken_uitkomstbrieven_pdf",
        parameters=[_path_id("letter")],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], url_path=r"uitkomstbrieven/(?P<letter>[0-9]+)")
    def letter(self, request, number=None, letter=None):
        subject_request = self.guarded()
        found = get_object_or_404(
            subject_request.letters.filter(kind__in=OUTCOME_LETTERS), pk=letter
        )
        kind = ReadKind.EXPORT if found.kind == LetterKind.ACCESS else ReadKind.DETAIL
        log_reads(request, [found], kind=kind)
        return HttpResponse(bytes(found.pdf), content_type="application/pdf")

    # --- R5: refusal or limitation ---------------------------------------------------------

    @extend_schema(
        methods=["GET"], responses={200: s.WithholdingSerializer(many=True), **READ_ERRORS}
    )
    @extend_schema(
        methods=["POST"],
        request=s.WithholdInputSerializer,
        responses={201: s.WithholdingSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], url_path="beperking", pagination_class=None)
    def withholdings(self, request, number=None):
        subject_request = self.guarded()
        if request.method == "GET":
            rows = subject_request.withholdings.select_related("ground")
            return self.shown(subject_request, s.WithholdingSerializer(rows, many=True).data)
        data = self._valid(s.WithholdInputSerializer)
        with service_call():
            withholding = refusal.withhold(
                subject_request,
                by=request.user,
                file_label=data["file_label"],
                dossier_key=data["dossier"],
                item=parse_item(data["item"]),
                ground=data["ground"],
                reasons=data["reasons"],
            )
        return self.shown(
            subject_request,
            s.WithholdingSerializer(withholding).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(parameters=[_path_id("withholding")], responses={204: None, **NOT_FOUND})
    @action(detail=True, methods=["delete"], url_path=r"beperking/(?P<withholding>[0-9]+)")
    def withdraw(self, request, number=None, withholding=None):
        subject_request = self.guarded()
        found = get_object_or_404(Withholding, pk=withholding, request=subject_request)
        with service_call():
            refusal.withdraw(found, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={201: s.LetterSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["post"], url_path="weigeringsbrief")
    def refusal_letter(self, request, number=None):
        subject_request = self.get_object()
        with service_call():
            letter = refusal.make_refusal_letter(subject_request, by=request.user)
        return Response(s.LetterSerializer(letter).data, status=status.HTTP_201_CREATED)

    # --- R6: rectification, erasure, restriction, notices ----------------------------------

    def _valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _change(self, action_name, serializer_class):
        subject_request = self.get_object()
        data = self._valid(serializer_class)
        with service_call():
            change = execution.change_item(
                subject_request,
                by=self.request.user,
                file_label=data["file_label"],
                dossier_key=data["dossier"],
                item=parse_item(data["item"]),
                action=action_name,
                reason=data["reason"],
                changes=data.get("changes"),
                restriction_reason=data.get("restriction_reason", ""),
            )
        return self.shown(
            subject_request, s.ItemChangeSerializer(change).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=s.RectifyInputSerializer,
        responses={201: s.ItemChangeSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="rectificatie")
    def rectify(self, request, number=None):
        return self._change(ChangeAction.RECTIFY, s.RectifyInputSerializer)

    @extend_schema(
        request=s.ChangeInputSerializer,
        responses={201: s.ItemChangeSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="wissing")
    def erase(self, request, number=None):
        return self._change(ChangeAction.ERASE, s.ChangeInputSerializer)

    @extend_schema(
        request=s.RestrictInputSerializer,
        responses={201: s.ItemChangeSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="afscherming")
    def restrict(self, request, number=None):
        return self._change(ChangeAction.RESTRICT, s.RestrictInputSerializer)

    @extend_schema(responses={200: s.ItemChangeSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], url_path="wijzigingen", pagination_class=None)
    def changes(self, request, number=None):
        subject_request = self.guarded()
        rows = subject_request.item_changes.prefetch_related("notices")
        return self.shown(subject_request, s.ItemChangeSerializer(rows, many=True).data)

    @extend_schema(responses={200: s.NoticeSerializer(many=True), **READ_ERRORS})
    @action(detail=True, methods=["get"], url_path="kennisgevingen", pagination_class=None)
    def notices(self, request, number=None):
        subject_request = self.guarded()
        rows = Notice.objects.filter(change__request=subject_request)
        return self.shown(subject_request, s.NoticeSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[_path_id("notice")],
        request=s.NoticeSentInputSerializer,
        responses={200: s.NoticeSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"kennisgevingen/(?P<notice>[0-9]+)/verzending")
    def notice_sent(self, request, number=None, notice=None):
        subject_request = self.guarded()
        found = get_object_or_404(
            Notice.objects.select_related("change__request", "letter"),
            pk=notice,
            change__request=subject_request,
        )
        data = self._valid(s.NoticeSentInputSerializer)
        with service_call():
            execution.record_notice_sent(
                found, by=request.user, sent_on=data["sent_on"], means=data["means"]
            )
        return self.shown(subject_request, s.NoticeSerializer(found).data)

    # --- R7: objection ---------------------------------------------------------------------

    @extend_schema(methods=["GET"], responses={200: s.ObjectionDecisionSerializer, **READ_ERRORS})
    @extend_schema(
        methods=["POST"],
        request=s.ObjectionInputSerializer,
        responses={
            201: s.ObjectionDecisionSerializer,
            **WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["get", "post"], url_path="verzet")
    def objection(self, request, number=None):
        subject_request = self.guarded()
        if request.method == "GET":
            decision = get_object_or_404(ObjectionDecision.objects.all(), request=subject_request)
            return self.shown(subject_request, s.ObjectionDecisionSerializer(decision).data)
        data = self._valid(s.ObjectionInputSerializer)
        with service_call():
            decision = objection.decide_objection(
                subject_request,
                by=request.user,
                weighing=data["weighing"],
                upheld=data["upheld"],
                decided_on=data["decided_on"],
            )
        return self.shown(
            subject_request,
            s.ObjectionDecisionSerializer(decision).data,
            status=status.HTTP_201_CREATED,
        )


ROUTES = [("verzoeken", RequestOutcomeViewSet, "verzoek-uitkomst")]
