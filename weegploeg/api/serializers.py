"""Serializers of the API of the weegploeg file: fields in camelCase, an assessment named by its
dossier number."""

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from cases.constants import IdentityMethod
from cases.models import CasusOverleg
from config.api import CamelCaseModelSerializer, DossierNumberFieldBase, ProblemSerializer
from parties.models import Veiligheidshuis
from parties.municipalities import check_code
from subjects.models import MUNICIPALITY_CODE, PERSON_FIELDS
from subjects.restriction import restricted_api_field
from weegploeg.models import (
    AdditionalInformation,
    AgendaItem,
    Analysis,
    Assessment,
    CaseTransfer,
    Check,
    CriterionFinding,
    Decision,
    ExpertAdvice,
    Meeting,
    Signal,
)
from weegploeg.permissions import keepable_assessments, visible_assessments


class DossierNumberField(DossierNumberFieldBase):
    model = Assessment
    visible = staticmethod(visible_assessments)
    keepable = staticmethod(keepable_assessments)


class PersonSerializer(CamelCaseModelSerializer):
    """The subject's name, address and date of birth (NAW), with the optional BSN."""

    class Meta:
        model = Assessment
        fields = list(PERSON_FIELDS)
        # The CBS code of a Dutch municipality, checked against the list the signal form
        # offers (`parties.municipalities`).
        extra_kwargs = {"municipality_code": {"validators": [MUNICIPALITY_CODE, check_code]}}


class SignalSerializer(CamelCaseModelSerializer):
    """A signal (W1). To enter one, give `assessment` (the dossier number of the person's
    assessment) or `person` (a new assessment), never both. `veiligheidshuis` is needed only for
    a new assessment when the party takes part in more than one Veiligheidshuis. When the person
    is probably in the file already, the answer is 409 with the dossiers the user may see: send
    the signal again with one of them as `assessment`, or with `newDossier` true."""

    assessment = DossierNumberField(
        required=False, help_text="Dossier number of the assessment the signal is about."
    )
    person = PersonSerializer(
        write_only=True, required=False, help_text="The subject, for a new assessment."
    )
    veiligheidshuis = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Veiligheidshuis.objects.all(),
        write_only=True,
        required=False,
        help_text="Code of the Veiligheidshuis of a new assessment.",
    )
    restricted = restricted_api_field()
    new_dossier = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="A new assessment although the person is probably in the file already.",
    )

    class Meta:
        model = Signal
        fields = [
            "id",
            "assessment",
            "person",
            "veiligheidshuis",
            "new_dossier",
            "behaviour",
            "observed_on",
            "reporter_name",
            "reporter_contact",
            "brought_by",
            "entered_at",
            "restricted",
        ]

    def validate(self, attrs):
        if ("assessment" in attrs) == ("person" in attrs):
            raise ValidationError(
                {"person": [_("Give either the number of an assessment or the subject's data.")]}
            )
        return attrs


class FindingSerializer(CamelCaseModelSerializer):
    criterion_code = serializers.CharField(source="criterion.code", read_only=True)
    criterion_title = serializers.CharField(source="criterion.title", read_only=True)

    class Meta:
        model = CriterionFinding
        fields = ["criterion", "criterion_code", "criterion_title", "finding", "explanation"]


class AnalysisSerializer(CamelCaseModelSerializer):
    """An analysis against the current referentiekader (W2): a finding and an explanation for
    every criterion. Recorded by the uitvoerder."""

    assessment = DossierNumberField(keep=True)
    framework_version = serializers.IntegerField(source="framework.number", read_only=True)
    findings = FindingSerializer(many=True)

    class Meta:
        model = Analysis
        fields = ["id", "assessment", "framework_version", "summary", "findings", "recorded_at"]

    def validate_findings(self, findings):
        criteria = [row["criterion"].pk for row in findings]
        if len(set(criteria)) != len(criteria):
            raise ValidationError(_("Give one finding per criterion."))
        return findings


class DecisionSerializer(CamelCaseModelSerializer):
    """The decision of CTER 7.4 (W3). Taken by the uitvoerder."""

    assessment = DossierNumberField(keep=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "assessment",
            "outcome",
            "reasons",
            "advice_to_driehoek",
            "advised_parties",
            "decided_on",
            "decided_at",
            "reopened_at",
            "reopening_reason",
        ]
        read_only_fields = ["decided_at", "reopened_at", "reopening_reason"]


class AdditionalInformationSerializer(CamelCaseModelSerializer):
    restricted = restricted_api_field()

    class Meta:
        model = AdditionalInformation
        fields = ["id", "party", "gathered_on", "content", "restricted"]


class ExpertAdviceSerializer(CamelCaseModelSerializer):
    restricted = restricted_api_field()

    class Meta:
        model = ExpertAdvice
        fields = ["id", "adviser", "asked_on", "question", "advice", "restricted"]


class DiscussionSerializer(serializers.Serializer):
    assessment = serializers.CharField(help_text="Dossier number of an assessment on the agenda.")
    discussion = serializers.CharField(help_text="What was discussed and decided.")


class CheckSerializer(CamelCaseModelSerializer):
    """The periodic check of correctness and completeness (W5, CTER 8.3)."""

    class Meta:
        model = Check
        fields = ["id", "outcome", "correction", "checked_at"]
        read_only_fields = ["checked_at"]


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the decided assessment is opened again.")


class AssessmentSummarySerializer(CamelCaseModelSerializer):
    """An assessment in a list: its number and state, no personal data."""

    veiligheidshuis = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "number",
            "status",
            "veiligheidshuis",
            "municipality_code",
            "created_at",
            "last_processed_at",
            "last_checked_at",
        ]


class AssessmentSerializer(AssessmentSummarySerializer):
    """The dossier of one person (CTER 8.2): the subject, the signals, the analyses with their
    findings, additional information, expert advice and the decisions (latest first)."""

    person = PersonSerializer(source="*", read_only=True)
    signals = SignalSerializer(many=True, read_only=True)
    analyses = AnalysisSerializer(many=True, read_only=True)
    additional_information = AdditionalInformationSerializer(many=True, read_only=True)
    expert_advice = ExpertAdviceSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    checks = CheckSerializer(many=True, read_only=True)

    class Meta(AssessmentSummarySerializer.Meta):
        fields = [
            *AssessmentSummarySerializer.Meta.fields,
            "person",
            "signals",
            "analyses",
            "additional_information",
            "expert_advice",
            "decisions",
            "checks",
        ]


class AgendaItemSerializer(CamelCaseModelSerializer):
    assessment = DossierNumberField(read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["assessment", "discussion", "decision"]


class MeetingSummarySerializer(CamelCaseModelSerializer):
    """A weegploeg session (W7) as the list shows it, like the page's list: the kernpartijen
    present and `itemCount`, the number of assessments on its agenda that the user may see.
    The agenda itself is in the meeting (ADR 0038)."""

    veiligheidshuis = serializers.SlugRelatedField(slug_field="code", read_only=True)
    item_count = serializers.IntegerField(
        source="shown_items",
        read_only=True,
        help_text="The number of assessments on the agenda that the user may see.",
    )

    class Meta:
        model = Meeting
        fields = ["id", "veiligheidshuis", "held_on", "present", "item_count"]


class MeetingSerializer(CamelCaseModelSerializer):
    """A weegploeg session (W7): the kernpartijen present and the assessments on the agenda.
    `items` shows only the assessments the user may see. Held by the uitvoerder, who gives the
    dossier numbers in `assessments`; `veiligheidshuis` is needed only when the uitvoerder's
    party takes part in more than one."""

    veiligheidshuis = serializers.SlugRelatedField(
        slug_field="code", queryset=Veiligheidshuis.objects.all(), required=False
    )
    assessments = DossierNumberField(
        keep=True,
        many=True,
        allow_empty=False,
        write_only=True,
        help_text="Dossier numbers of the assessments on the agenda.",
    )
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "veiligheidshuis", "held_on", "present", "assessments", "items"]

    def validate_assessments(self, assessments):
        if len({assessment.pk for assessment in assessments}) != len(assessments):
            raise ValidationError(_("Put each assessment on the agenda once."))
        return assessments


class CaseTransferSerializer(CamelCaseModelSerializer):
    """W6, C12: a decided "agenderen" assessment put on the agenda of a casusoverleg. The chosen
    signals and findings go to a new case as copies; the transfer is what the weegploeg
    records of it. Written by the uitvoerder."""

    assessment = DossierNumberField(keep=True)
    casusoverleg = serializers.PrimaryKeyRelatedField(
        queryset=CasusOverleg.objects.all(),
        write_only=True,
        help_text="A casusoverleg of the assessment's Veiligheidshuis.",
    )
    signals = serializers.ListField(
        child=serializers.IntegerField(), write_only=True, allow_empty=False
    )
    findings = serializers.ListField(
        child=serializers.IntegerField(), write_only=True, required=False, default=list
    )
    identity_method = serializers.ChoiceField(choices=IdentityMethod.choices, write_only=True)
    identity_note = serializers.CharField(
        write_only=True, required=False, allow_blank=True, default=""
    )

    class Meta:
        model = CaseTransfer
        fields = [
            "id",
            "assessment",
            "casusoverleg",
            "signals",
            "findings",
            "identity_method",
            "identity_note",
            "casusoverleg_name",
            "case_number",
            "what",
            "transferred_at",
        ]
        read_only_fields = ["casusoverleg_name", "case_number", "what", "transferred_at"]


class KnownPersonProblemSerializer(ProblemSerializer):
    """409: the person is probably in the file already (as the intake page warns)."""

    possibleDuplicates = serializers.ListField(child=serializers.CharField())
