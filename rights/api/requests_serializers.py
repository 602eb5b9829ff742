"""Serializers of `/api/v1/verzoeken` (R1-R3, U5): fields in camelCase, a request named by its
number. The list shows no personal data; a request's detail shows what the intake recorded."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from config.api import CamelCaseModelSerializer
from parties.models import Veiligheidshuis
from rights.constants import IdentityMethod, RequestKind, SendingMeans
from rights.models import Letter, RequestDossier, SubjectRequest
from subjects.bsn import BSNValidator

INTAKE_FIELDS = [
    "kinds",
    "received_on",
    "channel",
    "requester_kind",
    "representation",
    "representative_name",
    "surname",
    "prefix",
    "given_names",
    "date_of_birth",
    "bsn",
    "explanation",
    "reply_address",
]


class RegionField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        if not kwargs.get("read_only"):
            kwargs["queryset"] = Veiligheidshuis.objects.all()
        super().__init__(slug_field="code", **kwargs)


class CoveredDossierSerializer(CamelCaseModelSerializer):
    class Meta:
        model = RequestDossier
        fields = ["file_label", "dossier_key", "confirmed_at"]


class RequestLetterSerializer(CamelCaseModelSerializer):
    class Meta:
        model = Letter
        fields = ["id", "kind", "made_at", "sent_on", "sent_means"]


class SubjectRequestSummarySerializer(CamelCaseModelSerializer):
    """A request in a list: its number, what is asked, its state and deadline; no names."""

    veiligheidshuis = RegionField(read_only=True)
    deadline = serializers.DateField(read_only=True, help_text="The due date, or the extended one.")

    class Meta:
        model = SubjectRequest
        fields = [
            "number",
            "veiligheidshuis",
            "kinds",
            "received_on",
            "state",
            "due_on",
            "extended_to",
            "deadline",
            "answered_on",
            "withdrawn_on",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="SubjectRequestDetail")
class SubjectRequestSerializer(CamelCaseModelSerializer):
    """A request of a subject (R1). To record one, give what the intake recorded;
    `veiligheidshuis` (its code) is needed only when the user handles requests of more than
    one. The identity is established with the action `identiteit` before anything else (R2)."""

    veiligheidshuis = RegionField(required=False)
    kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=RequestKind.choices), allow_empty=False
    )
    bsn = serializers.CharField(
        max_length=9, required=False, allow_blank=True, validators=[BSNValidator()]
    )
    deadline = serializers.DateField(read_only=True)
    identity_established = serializers.BooleanField(read_only=True)
    identity_method = serializers.ChoiceField(
        choices=IdentityMethod.choices,
        read_only=True,
        allow_blank=True,
        help_text="How the identity was established; empty until it is recorded.",
    )
    dossiers = CoveredDossierSerializer(many=True, read_only=True)
    letters = RequestLetterSerializer(many=True, read_only=True)

    class Meta:
        model = SubjectRequest
        fields = [
            "number",
            "veiligheidshuis",
            *INTAKE_FIELDS,
            "state",
            "due_on",
            "extended_to",
            "extension_reasons",
            "deadline",
            "identity_established",
            "identity_method",
            "identity_note",
            "identity_established_at",
            "answered_on",
            "withdrawn_on",
            "dossiers",
            "letters",
        ]
        read_only_fields = [
            "number",
            "state",
            "due_on",
            "extended_to",
            "extension_reasons",
            "identity_note",
            "identity_established_at",
            "answered_on",
            "withdrawn_on",
        ]


class RequestIdentitySerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=IdentityMethod.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DossierCandidateSerializer(serializers.Serializer):
    """A dossier found for the person, in a file of the request's Veiligheidshuis."""

    fileLabel = serializers.CharField(source="ref.file_label")
    dossierKey = serializers.CharField(source="ref.key")
    fileName = serializers.CharField(source="file_name")
    confirmed = serializers.BooleanField()


class DossierChoiceSerializer(serializers.Serializer):
    fileLabel = serializers.CharField(source="file_label", max_length=30)
    dossierKey = serializers.CharField(source="dossier_key", max_length=40)


class RequestExtensionSerializer(serializers.Serializer):
    reasons = serializers.CharField()


class ExtensionLetterSentSerializer(serializers.Serializer):
    letter = serializers.IntegerField(help_text="The id of the extension letter.")
    sentOn = serializers.DateField(source="sent_on", required=False)
    means = serializers.ChoiceField(choices=SendingMeans.choices, default=SendingMeans.POST)


class RequestAnsweredSerializer(serializers.Serializer):
    answeredOn = serializers.DateField(source="answered_on", required=False)


class RequestWithdrawnSerializer(serializers.Serializer):
    withdrawnOn = serializers.DateField(source="withdrawn_on", required=False)
