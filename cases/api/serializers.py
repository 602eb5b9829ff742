"""Serializers of the API of the ICO files: fields in camelCase, a case named by its number."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases import selectors, services
from cases.constants import CasePart, MeasureStatus
from cases.models import (
    Case,
    CaseFinding,
    CaseMeeting,
    CaseParticipant,
    CaseSignal,
    CasusOverleg,
    Closing,
    CopyOut,
    Disclosure,
    Measure,
    ProgressNote,
    RelatedPerson,
)
from config.api import CamelCaseModelSerializer, DossierNumberFieldBase
from config.related_pks import PagePksField
from retention.constants import ArchiveFrom
from retention.terms import describe
from subjects.categories import DataCategory
from subjects.restriction import restricted_api_field


class CaseNumberField(DossierNumberFieldBase):
    model = Case
    visible = staticmethod(selectors.visible_cases)
    keepable = staticmethod(selectors.keepable_cases)
    related = ("casusoverleg",)


class CasusOverlegTermsSerializer(serializers.Serializer):
    """The retention terms of a casusoverleg's file (C11, B3, B4), read-only: recorded through
    `retention`, or the covenant's defaults."""

    archiveAfterMonths = serializers.IntegerField(source="archive_after_months", read_only=True)
    archiveFrom = serializers.ChoiceField(
        source="archive_from", choices=ArchiveFrom.choices, read_only=True
    )
    destroyAfterMonths = serializers.IntegerField(source="destroy_after_months", read_only=True)
    notAgenderedDestroyAfterMonths = serializers.IntegerField(
        source="not_agendered_destroy_after_months", read_only=True, allow_null=True
    )
    description = serializers.SerializerMethodField()

    def get_description(self, terms) -> str:
        return describe(terms)


class CasusOverlegSerializer(CamelCaseModelSerializer):
    """A casusoverleg (module): its Veiligheidshuis, specific covenant, controller, the parties
    taking part and its retention terms (C11): those of its ICO file, read-only."""

    veiligheidshuis = serializers.SlugRelatedField(slug_field="code", read_only=True)
    participants = PagePksField(CasusOverleg, "participants")
    retention_terms = serializers.SerializerMethodField(method_name="get_retention_terms")

    class Meta:
        model = CasusOverleg
        fields = [
            "id",
            "name",
            "veiligheidshuis",
            "covenant_title",
            "covenant_reference",
            "covenant_date",
            "controller",
            "participants",
            "retention_terms",
        ]

    @extend_schema_field(CasusOverlegTermsSerializer)
    def get_retention_terms(self, overleg):
        # A list reads the terms of its page at once (`CasusOverlegViewSet`; issue 13).
        terms = self.context.get("terms_by_pk") or {}
        found = terms.get(overleg.pk) or selectors.casusoverleg_terms(overleg)
        return CasusOverlegTermsSerializer(found).data


class CasePersonSerializer(CamelCaseModelSerializer):
    """The subject's name, address and date of birth (NAW), with the optional BSN."""

    class Meta:
        model = Case
        fields = list(services.PERSON_FIELDS)


class CaseParticipantSerializer(CamelCaseModelSerializer):
    class Meta:
        model = CaseParticipant
        fields = ["party", "since", "until", "advised_by_weegploeg"]


class CaseSignalSerializer(CamelCaseModelSerializer):
    restricted = restricted_api_field()

    class Meta:
        model = CaseSignal
        fields = [
            "id",
            "behaviour",
            "observed_on",
            "brought_by",
            "reporter_name",
            "reporter_contact",
            "restricted",
        ]


class CaseFindingSerializer(CamelCaseModelSerializer):
    framework_version = serializers.IntegerField(read_only=True)
    restricted = restricted_api_field()

    class Meta:
        model = CaseFinding
        fields = ["id", "framework_version", "criterion", "finding", "explanation", "restricted"]


class RelatedPersonSerializer(CamelCaseModelSerializer):
    restricted = restricted_api_field()

    class Meta:
        model = RelatedPerson
        fields = [
            "id",
            "role",
            "surname",
            "given_names",
            "date_of_birth",
            "address",
            "reason",
            "restricted",
        ]


class ClosingSerializer(CamelCaseModelSerializer):
    class Meta:
        model = Closing
        fields = [
            "id",
            "advice",
            "advised_on",
            "reason",
            "decided_on",
            "decided_by",
            "reopened_at",
            "reopened_by",
            "reopening_reason",
        ]


class ProgressNoteSerializer(CamelCaseModelSerializer):
    """Progress of a measure (CTER 9.4), with its new status if it changed."""

    status = serializers.ChoiceField(
        choices=MeasureStatus.choices,
        write_only=True,
        required=False,
        help_text="The new status of the measure.",
    )

    restricted = restricted_api_field()

    class Meta:
        model = ProgressNote
        fields = ["id", "measure", "text", "status", "written_by", "written_at", "restricted"]
        read_only_fields = ["measure", "written_by", "written_at"]


class MeasureSerializer(CamelCaseModelSerializer):
    """A measure of the plan (C3): owned by a party or partner taking part, with a deadline and a
    status. `isOverdue`: open and past its deadline. Added by the keeper of the case."""

    case = CaseNumberField(keep=True)
    is_overdue = serializers.SerializerMethodField(method_name="get_is_overdue")
    notes = ProgressNoteSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "case",
            "description",
            "owner",
            "deadline",
            "status",
            "is_overdue",
            "notes",
            "created_at",
        ]
        read_only_fields = ["status", "created_at"]

    def get_is_overdue(self, measure) -> bool:
        return selectors.is_overdue(measure)


class CaseMeasureSerializer(MeasureSerializer):
    """A measure inside its case."""

    class Meta(MeasureSerializer.Meta):
        fields = ["id", "description", "owner", "deadline", "status", "is_overdue", "notes"]


class CaseSummarySerializer(CamelCaseModelSerializer):
    """A case in a list: its number and state, no personal data."""

    has_overdue_measures = serializers.BooleanField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "number",
            "casusoverleg",
            "status",
            "casemanager",
            "has_overdue_measures",
            "created_at",
            "last_processed_at",
            "last_checked_at",
            "archived_at",
        ]


class CaseSerializer(CaseSummarySerializer):
    """The ICO file of one subject (CTER 10.2): NAW, how the identity was established, the
    participants, the signals and analysis copied from the weegploeg, the plan (goals, measures),
    related people and the closings."""

    person = CasePersonSerializer(source="*", read_only=True)
    participants = CaseParticipantSerializer(many=True, read_only=True)
    signals = CaseSignalSerializer(many=True, read_only=True)
    findings = CaseFindingSerializer(many=True, read_only=True)
    goals = serializers.SlugRelatedField(slug_field="goal", many=True, read_only=True)
    measures = CaseMeasureSerializer(many=True, read_only=True)
    related_people = RelatedPersonSerializer(many=True, read_only=True)
    closings = ClosingSerializer(many=True, read_only=True)

    class Meta(CaseSummarySerializer.Meta):
        fields = [
            *CaseSummarySerializer.Meta.fields,
            "person",
            "identity_method",
            "identity_note",
            "participants",
            "signals",
            "findings",
            "goals",
            "measures",
            "related_people",
            "closings",
        ]


class DueMeasureSerializer(CamelCaseModelSerializer):
    """A measure due by the meeting; `isOverdue`: its deadline passed before the meeting."""

    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "description", "owner", "deadline", "status", "is_overdue"]


class CaseAgendaItemSerializer(serializers.Serializer):
    """A case on the agenda: what its discussion ended with and its measures due (C4)."""

    case = serializers.CharField(source="case.number", read_only=True)
    minutes = serializers.CharField(source="discussion.minutes", read_only=True)
    approach = serializers.CharField(source="discussion.approach", read_only=True)
    casemanager = serializers.IntegerField(
        source="discussion.casemanager_id", read_only=True, allow_null=True
    )
    informing = serializers.CharField(source="discussion.informing", read_only=True)
    measures = DueMeasureSerializer(many=True, read_only=True)


MEETING_FIELDS = ["id", "casusoverleg", "held_on", "chair", "attendees", "approved_at"]


class CaseMeetingSummarySerializer(CamelCaseModelSerializer):
    """A case meeting (C4) as the list shows it, like the page's list: date, chair, the parties
    present and `caseCount`, the number of cases on its agenda that the user may see. The
    agenda itself is in the meeting (ADR 0038)."""

    case_count = serializers.IntegerField(
        source="shown_cases",
        read_only=True,
        help_text="The number of cases on the agenda that the user may see.",
    )

    class Meta:
        model = CaseMeeting
        fields = [*MEETING_FIELDS, "case_count"]


class CaseMeetingSerializer(CamelCaseModelSerializer):
    """A case meeting (C4) with its agenda: per case the discussion and the measures due or
    overdue by the meeting (`meeting_services.agenda`), of the cases the user may see."""

    agenda = CaseAgendaItemSerializer(source="agenda_items", many=True, read_only=True)

    class Meta:
        model = CaseMeeting
        fields = [*MEETING_FIELDS, "agenda"]


class PartnerDisclosureSerializer(CamelCaseModelSerializer):
    """A disclosure as its external partner sees it: the parts of the case exactly as they were
    disclosed, and nothing else of the case (C6)."""

    case = CaseNumberField(read_only=True)

    class Meta:
        model = Disclosure
        fields = ["id", "case", "parts", "categories", "necessity", "snapshot", "disclosed_at"]


class DisclosureSerializer(CamelCaseModelSerializer):
    """A disclosure to an external partner taking part in the case (C6, CTER 10.5): the parts,
    the necessity, the kinds of data, the permission of the providing party, and for
    criminal-law data the officier van justitie's consent (VH 6). Made by the keeper; an
    external partner's user sees only `id`, `case`, `parts`, `categories`, `necessity`,
    `snapshot` and `disclosedAt` of the disclosures to its party."""

    case = CaseNumberField(keep=True)
    parts = serializers.ListField(child=serializers.ChoiceField(choices=CasePart.choices))
    categories = serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices))

    class Meta:
        model = Disclosure
        fields = [
            "id",
            "case",
            "partner",
            "parts",
            "categories",
            "necessity",
            "provider",
            "provider_permission",
            "prosecutor_consent",
            "snapshot",
            "disclosed_by",
            "disclosed_at",
        ]
        read_only_fields = ["snapshot", "disclosed_by", "disclosed_at"]


class HistoryRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField()
    party = serializers.CharField()
    subject = serializers.CharField(help_text="What was changed: the case, a measure, ...")
    action = serializers.CharField()
    changedFields = serializers.ListField(source="fields", child=serializers.CharField())


class CopySerializer(CamelCaseModelSerializer):
    """C10, VH 19 and 20.2b: a copy of an active case for the casusoverleg of the
    Veiligheidshuis where the subject moved, asked by `requestedBy` (the keeper or a member of a
    party there) and checked by `checkedBy` (the uitvoerder of the receiving controller) with
    `checkNote`. Made by the keeper of the case; the answer names the new case there."""

    class Meta:
        model = CopyOut
        fields = [
            "id",
            "to_casusoverleg",
            "requested_by",
            "checked_by",
            "check_note",
            "to_case_number",
            "what",
            "copied_at",
        ]
        read_only_fields = ["to_case_number", "what", "copied_at"]
