"""Serializers of a request's outcomes in the API (R4-R7, U5): fields in camelCase, named like
the services' arguments so that a refusal shows on its field."""

from rest_framework import serializers

from rights.constants import SendingMeans
from rights.models import ItemChange, LegalGround, Letter, Notice, ObjectionDecision, Withholding
from rights.outcome_constants import RectificationReason
from rights.services.execution import is_late


def ItemField(**kwargs):  # noqa: N802 - a field, named like one
    """An item of a dossier as "app_label.model:pk" (from the overview's items)."""
    return serializers.CharField(max_length=150, **kwargs)


class DossierInputSerializer(serializers.Serializer):
    fileLabel = serializers.CharField(source="file_label", max_length=30)
    dossier = serializers.CharField(max_length=40)


class WithholdInputSerializer(DossierInputSerializer):
    item = ItemField(required=False, allow_blank=True, default="")
    ground = serializers.SlugRelatedField(
        slug_field="code", queryset=LegalGround.objects.filter(active=True)
    )
    reasons = serializers.CharField()


class WithholdingSerializer(serializers.ModelSerializer):
    fileLabel = serializers.CharField(source="file_label")
    dossier = serializers.CharField(source="dossier_key")
    item = serializers.SerializerMethodField()
    ground = serializers.CharField(source="ground.code")
    article = serializers.CharField(source="ground.article")
    recordedAt = serializers.DateTimeField(source="recorded_at")

    class Meta:
        model = Withholding
        fields = [
            "id",
            "fileLabel",
            "dossier",
            "item",
            "ground",
            "article",
            "reasons",
            "recordedAt",
        ]

    def get_item(self, withholding) -> str:
        return f"{withholding.item_model}:{withholding.item_pk}" if withholding.item_model else ""


class ChangeInputSerializer(DossierInputSerializer):
    item = ItemField()
    reason = serializers.ChoiceField(choices=RectificationReason.choices)


class RectifyInputSerializer(ChangeInputSerializer):
    changes = serializers.DictField(child=serializers.CharField(allow_blank=True))


class RestrictInputSerializer(ChangeInputSerializer):
    restrictionReason = serializers.CharField(source="restriction_reason")


class NoticeSerializer(serializers.ModelSerializer):
    recipient = serializers.CharField(source="party")
    receivedThrough = serializers.CharField(source="recipient_kind")
    receivedOn = serializers.DateField(source="received_on")
    sentOn = serializers.DateField(source="sent_on")
    sentMeans = serializers.CharField(source="sent_means")
    letter = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Notice
        fields = [
            "id",
            "recipient",
            "receivedThrough",
            "what",
            "receivedOn",
            "sentOn",
            "sentMeans",
            "letter",
        ]


class ItemChangeSerializer(serializers.ModelSerializer):
    fileLabel = serializers.CharField(source="file_label")
    dossier = serializers.CharField(source="dossier_key")
    item = serializers.SerializerMethodField()
    changedAt = serializers.DateTimeField(source="changed_at")
    afterTerm = serializers.SerializerMethodField()
    notices = NoticeSerializer(many=True, read_only=True)

    class Meta:
        model = ItemChange
        fields = [
            "id",
            "action",
            "fileLabel",
            "dossier",
            "item",
            "reason",
            "fields",
            "changedAt",
            "afterTerm",
            "notices",
        ]

    def get_item(self, change) -> str:
        return f"{change.item_model}:{change.item_pk}"

    def get_afterTerm(self, change) -> bool:  # noqa: N802 - the API's field name
        return is_late(change)


class NoticeSentInputSerializer(serializers.Serializer):
    sentOn = serializers.DateField(source="sent_on")
    means = serializers.ChoiceField(choices=SendingMeans.choices)


class ObjectionInputSerializer(serializers.Serializer):
    weighing = serializers.CharField()
    upheld = serializers.BooleanField()
    decidedOn = serializers.DateField(source="decided_on")


class ObjectionDecisionSerializer(serializers.ModelSerializer):
    decidedOn = serializers.DateField(source="decided_on")
    letter = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ObjectionDecision
        fields = ["weighing", "upheld", "decidedOn", "letter"]


class LetterSerializer(serializers.ModelSerializer):
    fileLabel = serializers.CharField(source="file_label")
    dossier = serializers.CharField(source="dossier_key")
    madeAt = serializers.DateTimeField(source="made_at")
    sentOn = serializers.DateField(source="sent_on")

    class Meta:
        model = Letter
        fields = ["id", "kind", "fileLabel", "dossier", "madeAt", "sentOn"]
