"""K2: the endpoint where a peer installation asks "bekend elders?" about one person, by
pseudonyms only, and is answered hit or no hit with a contact. Authenticated by mutual TLS
(`elsewhere.api.protocol`), not by a session or token; every call of a known peer is recorded
as an `IncomingCheck`, a refused one too."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import PROBLEM_JSON, ProblemSerializer, problem_response
from elsewhere import pseudonyms
from elsewhere.answers import ACTIVE, ARCHIVED
from elsewhere.api import protocol
from elsewhere.services import incoming

PSEUDONYM = {"min_length": 64, "max_length": 64}


class KnownElsewherePseudonymsSerializer(serializers.Serializer):
    # The keyed pseudonyms of one person: HMAC-SHA-256 (lower-case hex) of the BSN, of the
    # normalised full name and date of birth, and of the normalised surname and date of birth.
    bsn = serializers.RegexField(r"^[0-9a-f]{64}$", required=False, **PSEUDONYM)
    name = serializers.RegexField(r"^[0-9a-f]{64}$", **PSEUDONYM)
    surname = serializers.RegexField(r"^[0-9a-f]{64}$", **PSEUDONYM)


class KnownElsewhereQuestionSerializer(serializers.Serializer):
    # One check about one person: the id of the shared key and the person's pseudonyms.
    keyId = serializers.CharField(max_length=64)
    pseudonyms = KnownElsewherePseudonymsSerializer()


class KnownElsewhereAnswerSerializer(serializers.Serializer):
    # A dossier about the person at this installation: where, what kind, and whom to call.
    veiligheidshuis = serializers.CharField()
    file = serializers.CharField()
    state = serializers.ChoiceField(choices=[ACTIVE, ARCHIVED])
    match = serializers.ChoiceField(choices=[pseudonyms.HIT, pseudonyms.POSSIBLE])
    contact = serializers.CharField()


class KnownElsewhereAnswersSerializer(serializers.Serializer):
    # The answer to a check: empty for no hit.
    answers = KnownElsewhereAnswerSerializer(many=True)


def _problem(description):
    return OpenApiResponse(ProblemSerializer, description=description)


class QuestionView(APIView):
    """Bekend elders? A peer installation asks whether this installation holds an active or
    archived dossier about one person, by the keyed pseudonyms of that person only. Mutual TLS:
    the caller's client certificate must be one a beheerder configured as a peer, and the peer
    is answered only about the files configured for it that have a legal basis for the check.
    Over the number of checks per minute configured for the peer (429), or a question about
    anything but one person (400), or under another key (409): refused, and recorded."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        operation_id="bekendEldersVragen",
        auth=[],
        request=KnownElsewhereQuestionSerializer,
        responses={
            200: OpenApiResponse(
                KnownElsewhereAnswersSerializer,
                description="The dossiers about the person here; an empty list: no hit.",
            ),
            (400, PROBLEM_JSON): _problem(
                "Not the pseudonyms of one person (refused and recorded): invalidParams."
            ),
            (403, PROBLEM_JSON): _problem(
                "No verified client certificate of an active peer installation."
            ),
            (409, PROBLEM_JSON): _problem(
                "The pseudonyms were made with another key (refused and recorded)."
            ),
            (429, PROBLEM_JSON): _problem(
                "Over the peer's number of checks per minute (refused and recorded)."
            ),
        },
        examples=[
            OpenApiExample(
                "Vraag",
                request_only=True,
                value={
                    "keyId": "3f2a9c0d1b4e5f60",
                    "pseudonyms": {"bsn": "0" * 64, "name": "1" * 64, "surname": "2" * 64},
                },
            )
        ],
    )
    def post(self, request):
        peer = protocol.calling_peer(request)
        if peer is None:
            return problem_response(
                status_code=403,
                title=_("Not a peer installation."),
                detail=_("This endpoint answers peer installations with a client certificate."),
            )
        wait = protocol.take_turn(peer)
        if wait:
            incoming.refuse_peer(peer, protocol.RATE)
            response = problem_response(
                status_code=429,
                title=_("Too many checks."),
                detail=_("This installation answers a limited number of checks per minute."),
            )
            response["Retry-After"] = str(wait)
            return response
        try:
            data = request.data
        except ParseError:
            data = None
        key_id, found, problems = protocol.read_question(data)
        if problems:
            incoming.refuse_peer(peer, protocol.ENUMERATION, pseudonym_count=len(found))
            return problem_response(
                status_code=400,
                title=_("Invalid input."),
                detail=_("A check asks about one person: one pseudonym of each kind."),
                invalid_params=problems,
            )
        if key_id != pseudonyms.key_id():
            incoming.refuse_peer(peer, protocol.KEY, pseudonym_count=len(found))
            return problem_response(
                status_code=409,
                title=_("Other key."),
                detail=_("The pseudonyms were made with another key and cannot be compared."),
            )
        return Response({"answers": incoming.answer_peer(peer, found)})
