"""Serializers of `/api/v1/informatieplichten` (I1-I4, U5): fields in camelCase, a duty by its
number, a dossier by its file label and key, never a name."""

import base64

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import CamelCaseModelSerializer
from rights.constants import SendingMeans
from rights.models import DutyToInform, LegalGround, Letter, Postponement


class DutyPostponementSerializer(CamelCaseModelSerializer):
    """A postponement (I2, CTER 11.3): the ground of AVG 23, the reasons, the date to look
    again, when the handlers were reminded, and when it ended (renewed, or the ground lapsed)."""

    ground = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Postponement
        fields = ["id", "ground", "reasons", "review_on", "recorded_at", "reminded_at", "ended_on"]
        read_only_fields = fields


class DutyLetterSerializer(CamelCaseModelSerializer):
    """A letter of the duty (I4): when it was made and, once recorded, sent."""

    sent_means = serializers.CharField(
        read_only=True, help_text="post, email or hand; empty until sent."
    )

    class Meta:
        model = Letter
        fields = ["id", "made_at", "sent_on", "sent_means"]
        read_only_fields = fields


class DutyLetterMadeSerializer(DutyLetterSerializer):
    """The letter just made, with the PDF itself (base64)."""

    pdf = serializers.SerializerMethodField()

    class Meta(DutyLetterSerializer.Meta):
        fields = [*DutyLetterSerializer.Meta.fields, "pdf"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BYTE)
    def get_pdf(self, letter) -> str:
        return base64.b64encode(bytes(letter.pdf)).decode("ascii")


class DutyToInformSerializer(CamelCaseModelSerializer):
    """A duty to inform (I1-I3, I5): the dossier it is about (file label and key), the occasion,
    whether it is for a related person, the responsible party (null: the file's uitvoerder), its
    state and dates. `isOverdue`: to inform and past its due date, or postponed and past the
    date to look again."""

    dossier = serializers.CharField(source="dossier_key", read_only=True)
    file = serializers.CharField(source="data_file.name", read_only=True)
    for_related_person = serializers.SerializerMethodField(method_name="get_for_related_person")
    is_overdue = serializers.SerializerMethodField(method_name="get_is_overdue")
    informed_means = serializers.CharField(
        read_only=True, help_text="post, email or hand; empty until informed."
    )
    postponements = DutyPostponementSerializer(many=True, read_only=True)
    letters = DutyLetterSerializer(many=True, read_only=True)

    class Meta:
        model = DutyToInform
        fields = [
            "id",
            "file_label",
            "dossier",
            "file",
            "occasion",
            "for_related_person",
            "responsible_party",
            "state",
            "started_on",
            "due_on",
            "is_overdue",
            "informed_on",
            "informed_means",
            "not_required_reason",
            "postponements",
            "letters",
        ]
        read_only_fields = fields

    def get_for_related_person(self, duty) -> bool:
        return bool(duty.person)

    def get_is_overdue(self, duty) -> bool:
        from rights.services.duties import is_overdue

        return is_overdue(duty, today=self.context.get("today"))


class PostponeSerializer(serializers.Serializer):
    ground = serializers.SlugRelatedField(
        slug_field="code",
        queryset=LegalGround.objects.all(),
        help_text="Code of a ground of AVG 23 (UAVG 41) that is in use.",
    )
    reasons = serializers.CharField(help_text="Why informing is postponed; new for a renewal.")
    reviewOn = serializers.DateField(
        source="review_on", help_text="The date to look again; in the future."
    )


class LiftSerializer(serializers.Serializer):
    lapsedOn = serializers.DateField(source="lapsed_on", help_text="The day the ground lapsed.")


class InformedSerializer(serializers.Serializer):
    informedOn = serializers.DateField(source="informed_on")
    means = serializers.ChoiceField(choices=SendingMeans.choices)


class NotRequiredSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why informing is not required (AVG 14.5).")


class SentSerializer(serializers.Serializer):
    letter = serializers.IntegerField(help_text="Id of the letter of this duty that was sent.")
    sentOn = serializers.DateField(source="sent_on")
    means = serializers.ChoiceField(choices=SendingMeans.choices)
