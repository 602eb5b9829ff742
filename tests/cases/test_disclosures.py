"""Disclosures to external partners and exports: C6, C7, C8 (VH 6), P6."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from cases import disclosure_services, selectors, services
from cases.constants import CasePart, CaseStatus, Goal, IdentityMethod, RelatedRole
from cases.models import CasusOverleg, Export
from cases.permissions import visible_cases
from parties import services as party_services
from parties.constants import Function, PartyKind
from parties.models import User
from subjects.categories import DataCategory
from tests.factories import (
    PartyFactory,
    VeiligheidshuisFactory,
    authorise,
    kennemerland,
    make_user,
    record_declaration,
)
from tests.module_world import per_module

pytestmark = pytest.mark.django_db

PERSON = {
    "surname": "Bakker",
    "given_names": "Joost",
    "date_of_birth": date(1998, 7, 9),
    "street": "Zijlweg",
    "house_number": "3",
    "postcode": "2013DA",
    "municipality": "Haarlem",
    "municipality_code": "0392",
    "bsn": "123456782",
}
PERMISSION = "Politie, teamchef De Wit, 20-11-2026"


class Overleg:
    """A casusoverleg with kernpartijen, a party outside it and two external partners; one case
    with a signal, a finding, a plan and a related person."""

    def __init__(self, region):
        code = region.code
        self.region = region
        self.politie = PartyFactory(name=f"Politie {code}", veiligheidshuizen=[region])
        self.om = PartyFactory(om=True, name=f"OM {code}", veiligheidshuizen=[region])
        self.gemeente = PartyFactory(
            gemeente=True,
            name=f"Gemeente {code}",
            municipality_code="0392",
            veiligheidshuizen=[region],
        )
        self.outsider = PartyFactory(
            kind=PartyKind.GGZ, name=f"GGZ {code}", veiligheidshuizen=[region]
        )
        self.partner = PartyFactory(extern=True, name=f"Partner {code}", veiligheidshuizen=[region])
        self.other_partner = PartyFactory(
            extern=True, name=f"Moskee {code}", veiligheidshuizen=[region]
        )
        self.keeper = make_user(self.gemeente, Function.UITVOERDER, username=f"uitvoerder-{code}")
        self.agent = make_user(self.politie, username=f"agent-{code}")
        self.ggz = make_user(self.outsider, username=f"ggz-{code}")
        self.partner_user = make_user(self.partner, username=f"partner-{code}")
        self.other_partner_user = make_user(self.other_partner, username=f"moskee-{code}")
        self.overleg = CasusOverleg.objects.create(
            name=f"ICO CTER {code}",
            veiligheidshuis=region,
            covenant_title="Privacyconvenant CTER Noord-Holland",
            covenant_reference="CTER-NH-2017",
            covenant_date=date(2017, 6, 1),
            controller="De kernpartijen gezamenlijk",
        )
        self.overleg.participants.set([self.politie, self.om, self.gemeente, self.outsider])
        for user in (self.keeper, self.agent, self.ggz):  # P8: read-write on this file
            authorise(user, self.overleg)
        self.case = services.open_case(
            casusoverleg=self.overleg,
            person=PERSON,
            identity_method=IdentityMethod.BRP,
            by=self.keeper,
            participants=[self.politie, self.om, self.gemeente],
            signals=[
                {
                    "behaviour": "Deelde filmpjes die geweld verheerlijken.",
                    "observed_on": date(2026, 10, 1),
                    "brought_by": self.politie,
                    "reporter_name": "Wijkagent de Vries",
                    "reporter_contact": "06-12345678",
                }
            ],
            findings=[
                {
                    "framework_version": 1,
                    "criterion": "Uitingen die geweld rechtvaardigen",
                    "finding": "met",
                    "explanation": "Uit de signalen blijkt dit.",
                }
            ],
        )
        services.set_goals(self.case, [Goal.HELP_AND_CARE], by=self.keeper)
        self.measure = services.add_measure(
            self.case,
            by=self.keeper,
            description="Gesprek met de jongerenwerker",
            owner=self.gemeente,
            deadline=date(2026, 12, 15),
        )
        services.add_related_person(
            self.case,
            by=self.keeper,
            role=RelatedRole.ACHTERBLIJVER,
            surname="Bakker",
            given_names="Anna",
            reason="Moeder; zij steunt het plan.",
        )

    def admit(self, partner):
        """P6: the declaration, then taking part in the case."""
        record_declaration(partner, by=self.keeper)
        services.add_participant(self.case, partner, by=self.keeper)

    def disclose(self, partner=None, **fields):
        values = {
            "by": self.keeper,
            "partner": partner or self.partner,
            "parts": [CasePart.PERSONAL_DETAILS, CasePart.PLAN],
            "necessity": "De jongerenwerker voert het gesprek uit het plan.",
            "categories": [DataCategory.NAME_AND_ADDRESS, DataCategory.APPROACH],
            "provider": self.politie,
            "provider_permission": PERMISSION,
        }
        return disclosure_services.disclose(self.case, **{**values, **fields})


ov_built, ov = per_module(lambda: Overleg(kennemerland()), name="ov")


# --- P6: the declaration first ----------------------------------------------------------------


def test_p6_c6_a_partner_receives_a_disclosure_only_after_its_declaration(ov):
    with pytest.raises(ValidationError) as refused:
        ov.disclose()
    assert "partner" in refused.value.message_dict
    assert not selectors.disclosures_for(ov.partner_user).exists()

    ov.admit(ov.partner)
    disclosure = ov.disclose()
    assert list(selectors.disclosures_for(ov.partner_user)) == [disclosure]


def test_c6_a_disclosure_goes_to_an_external_partner_that_takes_part(ov):
    record_declaration(ov.partner, by=ov.keeper)
    for partner in (ov.partner, ov.politie, ov.outsider):  # not taking part; not external
        with pytest.raises(ValidationError) as refused:
            ov.disclose(partner=partner)
        assert "partner" in refused.value.message_dict


@pytest.mark.parametrize("who", ["agent", "partner_user", "ggz"])
def test_c6_only_the_keeper_discloses(ov, who):
    ov.admit(ov.partner)
    with pytest.raises(PermissionDenied):
        ov.disclose(by=getattr(ov, who))


# --- C6: what a disclosure records ------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("parts", []),
        ("parts", ["everything"]),
        ("categories", []),
        ("categories", ["race"]),
        ("necessity", " "),
        ("provider_permission", ""),
        ("provider", "outsider"),
    ],
)
def test_c6_a_disclosure_needs_parts_categories_necessity_and_the_providers_permission(
    ov, field, value
):
    ov.admit(ov.partner)
    value = getattr(ov, value) if field == "provider" else value
    with pytest.raises(ValidationError) as refused:
        ov.disclose(**{field: value})
    assert field in refused.value.message_dict
    assert not ov.case.disclosures.exists()


def test_c6_a_disclosure_records_what_why_which_kinds_whose_permission_when_and_by_whom(ov):
    ov.admit(ov.partner)
    before = ov.case.last_processed_at
    disclosure = ov.disclose(parts=[CasePart.PLAN, CasePart.PERSONAL_DETAILS, CasePart.PLAN])
    assert disclosure.parts == ["naw", "plan"]
    assert disclosure.categories == ["naw", "approach"]
    assert disclosure.necessity.startswith("De jongerenwerker")
    assert (disclosure.provider, disclosure.provider_permission) == (ov.politie, PERMISSION)
    assert disclosure.disclosed_by == ov.keeper
    assert disclosure.disclosed_at is not None
    ov.case.refresh_from_db()
    assert ov.case.last_processed_at > before


def test_c6_the_snapshot_holds_each_part_as_it_is_and_no_more(ov):
    ov.admit(ov.partner)
    snapshot = ov.disclose(parts=CasePart.values).snapshot
    assert snapshot["naw"] == {
        "surname": "Bakker",
        "prefix": "",
        "givenNames": "Joost",
        "dateOfBirth": "1998-07-09",
        "street": "Zijlweg",
        "houseNumber": "3",
        "postcode": "2013DA",
        "municipality": "Haarlem",
    }
    assert snapshot["signals"] == [
        {
            "behaviour": "Deelde filmpjes die geweld verheerlijken.",
            "observedOn": "2026-10-01",
            "broughtBy": ov.politie.name,
        }
    ]
    assert snapshot["analysis"] == [
        {
            "frameworkVersion": 1,
            "criterion": "Uitingen die geweld rechtvaardigen",
            "finding": "met",
            "explanation": "Uit de signalen blijkt dit.",
        }
    ]
    assert snapshot["plan"] == {
        "goals": ["care"],
        "measures": [
            {
                "description": "Gesprek met de jongerenwerker",
                "owner": ov.gemeente.name,
                "deadline": "2026-12-15",
                "status": "planned",
            }
        ],
    }
    assert snapshot["related"] == [
        {
            "role": "achterblijver",
            "surname": "Bakker",
            "givenNames": "Anna",
            "dateOfBirth": None,
            "address": "",
            "reason": "Moeder; zij steunt het plan.",
        }
    ]
    text = str(snapshot)
    for absent in ("123456782", "Wijkagent de Vries", "06-12345678"):
        assert absent not in text


def test_c6_the_partner_sees_exactly_the_disclosed_parts_as_they_were_disclosed(ov):
    ov.admit(ov.partner)
    disclosure = ov.disclose(parts=[CasePart.PERSONAL_DETAILS, CasePart.PLAN])
    as_disclosed = disclosure.snapshot

    ov.case.street, ov.case.house_number = "Kruisweg", "80"
    ov.case.save()
    services.add_measure(
        ov.case,
        by=ov.keeper,
        description="Huisbezoek",
        owner=ov.politie,
        deadline=date(2027, 1, 10),
    )
    services.report_progress(ov.measure, by=ov.keeper, text="Loopt.", status="in_progress")

    seen = selectors.get_visible_disclosure(ov.partner_user, disclosure.pk)
    assert seen.parts == ["naw", "plan"]
    assert set(seen.snapshot) == {"naw", "plan"}
    assert seen.snapshot == as_disclosed
    assert seen.snapshot["naw"]["street"] == "Zijlweg"
    assert [m["status"] for m in seen.snapshot["plan"]["measures"]] == ["planned"]
    # The partner sees what was disclosed, not the case itself.
    assert not visible_cases(ov.partner_user).exists()


def test_c6_a_partner_sees_nothing_of_another_partners_disclosures(ov):
    ov.admit(ov.partner)
    ov.admit(ov.other_partner)
    mine = ov.disclose()
    theirs = ov.disclose(partner=ov.other_partner, parts=[CasePart.SIGNALS])
    assert list(selectors.disclosures_for(ov.partner_user)) == [mine]
    assert list(selectors.disclosures_for(ov.other_partner_user)) == [theirs]
    with pytest.raises(Http404):
        selectors.get_visible_disclosure(ov.partner_user, theirs.pk)
    assert selectors.get_visible_disclosure(ov.partner_user, mine.pk) == mine


@pytest.mark.parametrize("who", ["keeper", "agent", "ggz"])
def test_c6_disclosures_are_seen_by_their_partner_only(ov, who):
    """C6: of the case's users only the partner it went to sees a disclosure as a partner; the
    keeper who made it sees it too (ADR 0011), the others not."""
    ov.admit(ov.partner)
    disclosure = ov.disclose()
    user = getattr(ov, who)
    assert not selectors.disclosures_for(user).exists()
    if who == "keeper":
        assert selectors.get_visible_disclosure(user, disclosure.pk) == disclosure
        return
    with pytest.raises(Http404):
        selectors.get_visible_disclosure(user, disclosure.pk)


def test_p6_c6_a_partner_that_has_left_sees_nothing(ov):
    ov.admit(ov.partner)
    disclosure = ov.disclose()
    party_services.give_notice(
        ov.partner, notice_on=timezone.localdate(), by=ov.keeper, reason="Opgezegd"
    )
    partner_user = User.objects.get(pk=ov.partner_user.pk)  # as on the next request
    assert selectors.get_visible_disclosure(partner_user, disclosure.pk) == disclosure
    noon_after_leaving = timezone.make_aware(datetime.combine(ov.partner.left_on, time(12)))
    with time_machine.travel(noon_after_leaving, tick=False):
        assert not selectors.disclosures_for(partner_user).exists()
        with pytest.raises(Http404):
            selectors.get_visible_disclosure(partner_user, disclosure.pk)
        with pytest.raises(ValidationError) as refused:  # and receives nothing more
            ov.disclose()
        assert "partner" in refused.value.message_dict


def test_c1_c6_a_partner_that_stops_taking_part_sees_nothing(ov):
    ov.admit(ov.partner)
    disclosure = ov.disclose()
    services.end_participation(ov.case, ov.partner, by=ov.keeper)
    assert not selectors.disclosures_for(ov.partner_user).exists()
    with pytest.raises(Http404):
        selectors.get_visible_disclosure(ov.partner_user, disclosure.pk)


def test_s1_c6_nothing_of_an_archived_case(ov):
    ov.admit(ov.partner)
    ov.disclose()
    services.archive(ov.case, by=None)
    assert ov.case.status == CaseStatus.ARCHIVED
    assert not selectors.disclosures_for(ov.partner_user).exists()


# --- C8, VH 6: criminal-law data --------------------------------------------------------------


@pytest.mark.parametrize("category", [DataCategory.OFFENCES, DataCategory.CONVICTIONS])
def test_c8_criminal_law_data_go_only_with_the_officiers_consent(ov, category):
    ov.admit(ov.partner)
    categories = [DataCategory.APPROACH, category]
    for consent in ("", "  "):
        with pytest.raises(ValidationError) as refused:
            ov.disclose(categories=categories, prosecutor_consent=consent)
        assert "prosecutor_consent" in refused.value.message_dict
    consent = "Officier mr. Smit, e-mail 21-11-2026"
    disclosure = ov.disclose(categories=categories, prosecutor_consent=consent)
    assert disclosure.prosecutor_consent == consent
    assert category in disclosure.categories


def test_c8_other_data_need_no_consent_of_the_officier(ov):
    ov.admit(ov.partner)
    assert ov.disclose(categories=[DataCategory.CARE]).prosecutor_consent == ""


def test_c8_the_necessity_is_free_text_under_the_guard(ov):
    ov.admit(ov.partner)
    with pytest.raises(ValidationError) as refused:
        ov.disclose(necessity="Vanwege zijn ras.")
    assert "necessity" in refused.value.message_dict


# --- C7: exports ------------------------------------------------------------------------------


def test_c7_an_export_records_the_providers_permission(ov):
    """C7: the keeper exports (a participant does not: ADR 0011, tests/cases/test_read_parity)."""
    user = ov.keeper
    for permission in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            disclosure_services.record_export(
                ov.case, by=user, provider=ov.politie, provider_permission=permission
            )
        assert "provider_permission" in refused.value.message_dict
    assert not Export.objects.exists()
    export = disclosure_services.record_export(
        ov.case, by=user, provider=ov.politie, provider_permission=PERMISSION
    )
    export.refresh_from_db()
    assert (export.case, export.exported_by, export.provider) == (ov.case, user, ov.politie)
    assert export.provider_permission == PERMISSION
    assert export.exported_at is not None


def test_c7_the_provider_of_exported_data_takes_part_in_the_case(ov):
    with pytest.raises(ValidationError) as refused:
        disclosure_services.record_export(
            ov.case, by=ov.keeper, provider=ov.outsider, provider_permission=PERMISSION
        )
    assert "provider" in refused.value.message_dict


@pytest.mark.parametrize("who", ["ggz", "partner_user", "elsewhere"])
def test_c7_a_non_participant_cannot_export(ov, who):
    ov.admit(ov.partner)
    if who == "elsewhere":
        region = VeiligheidshuisFactory(code="elders")
        party = PartyFactory(name="Politie elders", veiligheidshuizen=[region])
        user = make_user(party, Function.UITVOERDER, username="uitvoerder-elders")
    else:
        user = getattr(ov, who)
    with pytest.raises(PermissionDenied):
        disclosure_services.record_export(
            ov.case, by=user, provider=ov.politie, provider_permission=PERMISSION
        )
    assert not Export.objects.exists()
