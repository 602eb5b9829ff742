"""`/api/v1/informatieplichten` (I1-I4, U5): the duties the user handles, with the same
permissions as the pages (`rights.permissions.duties`), and the handler's steps as actions.
Every answer that shows a duty is a read of its dossier (S2)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from config.api import NOT_FOUND, WRITE_ERRORS, ProblemSerializer, service_call
from config.api_input import KeysFirstPagination, as_id
from config.audit import ReadKind
from parties.permissions import IsVerifiedMember
from rights.api.duty_serializers import (
    DutyLetterMadeSerializer,
    DutyToInformSerializer,
    InformedSerializer,
    LiftSerializer,
    NotRequiredSerializer,
    PostponeSerializer,
    SentSerializer,
)
from rights.constants import DutyState
from rights.models import DutyToInform
from rights.permissions.duties import may_handle_duty, visible_duties
from rights.services import duties as services
from rights.services import letters
from rights.services.duty_reads import log_duty_reads

ACTION_ERRORS = {**WRITE_ERRORS, (403, "application/problem+json"): ProblemSerializer}


def _action(request_serializer, description):
    return extend_schema(
        request=request_serializer,
        responses={200: DutyToInformSerializer, **ACTION_ERRORS},
        description=description,
    )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=DutyState.values),
            OpenApiParameter("overdue", OpenApiTypes.BOOL, description="Only overdue duties."),
            OpenApiParameter("file", OpenApiTypes.INT, description="Id of the file."),
        ]
    ),
    retrieve=extend_schema(responses={200: DutyToInformSerializer, **NOT_FOUND}),
)
class DutyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The duties to inform of the user's party in the files it may read, and every duty of the
    files the user keeps (the uitvoerder). Anyone else gets 404 on a duty and an empty list;
    who sees a duty but may not record in its file gets 403 on its actions."""

    permission_classes = [IsVerifiedMember]
    serializer_class = DutyToInformSerializer
    pagination_class = KeysFirstPagination  # by the date due, from the index on the file
    queryset = DutyToInform.objects.none()

    def get_queryset(self):
        duties = visible_duties(self.request.user).select_related("data_file")
        duties = duties.prefetch_related("postponements__ground", "letters")
        if self.action != "list":
            return duties
        params = self.request.query_params
        state = params.get("state")
        if state:
            if state not in DutyState.values:
                raise ValidationError({"state": [_("Unknown state.")]})
            duties = duties.filter(state=state)
        overdue = params.get("overdue")
        if overdue:
            if overdue not in ("true", "false"):
                raise ValidationError({"overdue": [_("Give true or false.")]})
            if overdue == "true":
                today = timezone.localdate()
                duties = services.with_review(duties).filter(services.overdue_q(today))
        data_file = params.get("file")
        if data_file:
            if as_id(data_file) is None:
                raise ValidationError({"file": [_("Give the id of a file.")]})
            duties = duties.filter(data_file=data_file)
        return duties.order_by("due_on", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        log_duty_reads(request, page, kind=ReadKind.LIST)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        duty = self.get_object()
        log_duty_reads(request, [duty], kind=ReadKind.DETAIL)
        return Response(self.get_serializer(duty).data)

    def handled(self) -> DutyToInform:
        duty = self.get_object()
        if not may_handle_duty(self.request.user, duty):
            raise PermissionDenied(_("You may not handle this duty to inform."))
        return duty

    def step(self, serializer_class, perform, *, names=None):
        duty = self.handled()
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        with service_call(names=names):
            perform(duty, serializer.validated_data)
        duty = self.get_queryset().get(pk=duty.pk)
        log_duty_reads(self.request, [duty], kind=ReadKind.ACTION)
        return Response(self.get_serializer(duty).data)

    @_action(PostponeSerializer, "I2: postpone, or renew the postponement with new reasons.")
    @action(detail=True, methods=["post"], url_path="uitstellen")
    def postpone(self, request, pk=None):
        user = request.user
        return self.step(
            PostponeSerializer, lambda duty, data: services.postpone(duty, by=user, **data)
        )

    @_action(LiftSerializer, "I3: the ground lapsed; the person is to be informed.")
    @action(detail=True, methods=["post"], url_path="grond-vervallen")
    def lift(self, request, pk=None):
        user = request.user
        return self.step(
            LiftSerializer, lambda duty, data: services.lift_postponement(duty, by=user, **data)
        )

    @_action(InformedSerializer, "I1, I3: the person was informed (final).")
    @action(detail=True, methods=["post"], url_path="geinformeerd")
    def informed(self, request, pk=None):
        user = request.user
        return self.step(
            InformedSerializer,
            lambda duty, data: services.record_informed(duty, by=user, **data),
        )

    @_action(NotRequiredSerializer, "I1: informing is not required, with the reasons (final).")
    @action(detail=True, methods=["post"], url_path="niet-nodig")
    def not_required(self, request, pk=None):
        user = request.user
        return self.step(
            NotRequiredSerializer,
            lambda duty, data: services.record_not_required(duty, by=user, **data),
        )

    @extend_schema(
        request=None,
        responses={201: DutyLetterMadeSerializer, **ACTION_ERRORS},
        description="I4: make the letter (PDF, base64) from the file's settings.",
    )
    @action(detail=True, methods=["post"], url_path="brief")
    def letter(self, request, pk=None):
        duty = self.handled()
        with service_call():
            made = letters.make_information_letter(duty, by=request.user)
        return Response(DutyLetterMadeSerializer(made).data, status=status.HTTP_201_CREATED)

    @_action(SentSerializer, "I4: the letter was sent; the person is informed.")
    @action(detail=True, methods=["post"], url_path="verzonden")
    def sent(self, request, pk=None):
        user = request.user

        def perform(duty, data):
            found = duty.letters.filter(pk=data["letter"]).first()
            if found is None:
                raise ValidationError({"letter": [_("No such letter of this duty.")]})
            letters.record_sending(found, sent_on=data["sent_on"], means=data["means"], by=user)

        return self.step(SentSerializer, perform, names={"informed_on": "sentOn"})


ROUTES = [("informatieplichten", DutyViewSet)]
