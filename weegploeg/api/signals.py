"""Signals and their intake (W1)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from config.api import NOT_FOUND, PROBLEM_JSON, WRITE_ERRORS, camel, problem_response, service_call
from config.read_audit import AccessLoggedViewSetMixin, created
from subjects.models import PERSON_FIELDS
from weegploeg import selectors, services
from weegploeg.api.serializers import KnownPersonProblemSerializer, SignalSerializer
from weegploeg.api.viewsets import (
    ASSESSMENT_FILTER,
    FORBIDDEN,
    WeegploegViewSet,
    only_region,
)
from weegploeg.models import Signal


def known_person(numbers: list[str]) -> Response:
    """The intake's duplicate warning: only dossiers the user may see are named, and nothing is
    written until the client chooses one of them or a new dossier."""
    problem = problem_response(
        status_code=status.HTTP_409_CONFLICT,
        title=_("This person is probably in the file already."),
        detail=_(
            "Send the signal again with one of these dossiers as assessment, or with newDossier "
            "true for a new one."
        ),
    )
    problem.data["possibleDuplicates"] = numbers
    return problem


@extend_schema_view(
    list=extend_schema(parameters=[ASSESSMENT_FILTER]),
    retrieve=extend_schema(responses={200: SignalSerializer, **NOT_FOUND}),
    create=extend_schema(
        responses={
            201: SignalSerializer,
            **WRITE_ERRORS,
            **FORBIDDEN,
            (409, PROBLEM_JSON): KnownPersonProblemSerializer,
        }
    ),
)
class SignalViewSet(
    AccessLoggedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    WeegploegViewSet,
):
    """Signals in the assessments the user may see. A member of a kernpartij enters signals for
    their own party, the uitvoerder on behalf of any kernpartij (W1); for another party the
    answer is 403. Free text naming race, ethnicity or nationality is refused (C8)."""

    queryset = Signal.objects.none()
    serializer_class = SignalSerializer

    def get_queryset(self):
        return self.by_assessment(
            selectors.dossier_rows(self.request.user, Signal).select_related("assessment")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment = data.get("assessment")
        brought_by = data["brought_by"]
        region = data.get("veiligheidshuis")
        if region is None:
            region = (
                assessment.veiligheidshuis
                if assessment
                else only_region(brought_by.veiligheidshuizen.all(), field="veiligheidshuis")
            )
        if assessment is None and not data["new_dossier"]:
            duplicates = list(
                selectors.known_dossiers(request.user, region, data["person"]).values_list(
                    "number", flat=True
                )
            )
            if duplicates:
                return known_person(duplicates)
        names = {field: f"person.{camel(field)}" for field in PERSON_FIELDS}
        denied = PermissionDenied(_("You may not enter signals for this party."))
        with service_call(names=names, denied=denied):
            signal = services.enter_signal(
                by=request.user,
                brought_by=brought_by,
                region=region,
                behaviour=data["behaviour"],
                observed_on=data["observed_on"],
                reporter_name=data["reporter_name"],
                reporter_contact=data["reporter_contact"],
                person=data.get("person"),
                assessment=assessment,
            )
        return created(self, signal)
