"""The structure the dossiers hang on: Veiligheidshuizen, gemeenten and the other parties, the
casusoverleggen (two per Veiligheidshuis) and their files.

Parties are written in bulk with the group the project gives each (`parties.groups`); files are
made by the project's own `file_for` (`parties.services.weegploeg_file`, `cases.permissions
.file_of`), each with its keeper group; the partners' declarations go through
`parties.services.record_declaration`."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from cases.models import CasusOverleg
from cases.permissions import file_of
from parties import groups, municipalities
from parties import services as party_services
from parties.constants import AuthorisationAction, PartyKind, default_role
from parties.models import AuthorisationChange, DataFile, Party, Veiligheidshuis
from scale.plan import REGIONS

REASON = "Schaalgegevens (seed_scale)"

# Parties that take part in every Veiligheidshuis seeded.
NATIONAL_PARTIES = [
    ("Raad voor de Kinderbescherming", PartyKind.RVDK),
    ("Reclassering Nederland", PartyKind.RECLASSERING),
    ("Dienst Justitiële Inrichtingen", PartyKind.DJI),
    ("Bureau Halt", PartyKind.HALT),
]
# Parties of one Veiligheidshuis: "<name> <region>".
REGIONAL_PARTIES = [
    ("GGZ", PartyKind.GGZ),
    ("Verslavingszorg", PartyKind.VERSLAVINGSZORG),
    ("Jeugdzorg", PartyKind.JEUGDZORG),
    ("GGD", PartyKind.GGD),
    ("Woningcorporatie", PartyKind.WONINGCORPORATIE),
    ("Welzijn", PartyKind.WELZIJN),
]
# External case partners per Veiligheidshuis: the first with a recorded declaration (C6, P6).
EXTERNAL_PARTIES = ["Stichting Exitprogramma", "Jeugdinstelling"]
# Who takes part in each casusoverleg, besides the kernpartijen of its Veiligheidshuis.
OVERLEG_KINDS = {
    "ICO CTER": {PartyKind.RVDK, PartyKind.RECLASSERING, PartyKind.GGZ, PartyKind.JEUGDZORG},
    "Veelplegers": {
        PartyKind.RECLASSERING,
        PartyKind.GGZ,
        PartyKind.VERSLAVINGSZORG,
        PartyKind.WONINGCORPORATIE,
        PartyKind.DJI,
        PartyKind.HALT,
    },
}


@dataclass
class Region:
    row: Veiligheidshuis
    label: str
    gemeenten: list[Party] = field(default_factory=list)
    kernpartijen: list[Party] = field(default_factory=list)  # politie and OM
    casuspartijen: list[Party] = field(default_factory=list)
    partners: list[Party] = field(default_factory=list)  # externals, the first declared
    weegploeg: DataFile | None = None
    overleggen: dict[str, CasusOverleg] = field(default_factory=dict)  # "ICO CTER" -> row
    files: dict[str, DataFile] = field(default_factory=dict)  # "ICO CTER" -> its ICO file
    participants: dict[str, set[int]] = field(default_factory=dict)  # "ICO CTER" -> party pks

    @property
    def hub(self) -> Party:
        """The gemeente the Veiligheidshuis's own staff act for."""
        return self.gemeenten[0]


@dataclass
class Structure:
    regions: list[Region]
    parties: list[Party]
    joined: date


def _gemeenten_by_region(count: int) -> list[list[municipalities.Municipality]]:
    """Every gemeente, by CBS code, in 25 runs of neighbouring codes: one per Veiligheidshuis."""
    found = sorted(municipalities.municipalities(), key=lambda m: m.code)
    size, rest = divmod(len(found), len(REGIONS))
    runs, start = [], 0
    for index in range(len(REGIONS)):
        end = start + size + (1 if index < rest else 0)
        runs.append(found[start:end])
        start = end
    return runs[:count]


def _party(name: str, kind: str, joined: date, code: str = "") -> Party:
    return Party(
        name=name,
        kind=kind,
        role=default_role(kind),
        municipality_code=code,
        joined_on=joined,
        group=groups.new_party_group(name),
    )


def build(plan, progress) -> Structure:
    joined = plan.start.date() - timedelta(days=30)
    chosen = REGIONS[: plan.regions]
    rows = Veiligheidshuis.objects.bulk_create(
        Veiligheidshuis(code=code, name=f"Veiligheidshuis {name}") for code, name, _unit in chosen
    )
    regions = [
        Region(row=row, label=name) for row, (_c, name, _u) in zip(rows, chosen, strict=True)
    ]
    members: list[tuple[Party, list[Region]]] = []
    for region, towns in zip(regions, _gemeenten_by_region(plan.regions), strict=True):
        for town in towns:
            party = _party(f"Gemeente {town.name}", PartyKind.GEMEENTE, joined, town.code)
            region.gemeenten.append(party)
            members.append((party, [region]))
    units: dict[str, list[Region]] = {}
    for region, (_code, _name, unit) in zip(regions, chosen, strict=True):
        units.setdefault(unit, []).append(region)
    for unit, covered in units.items():
        for name, kind in (
            (f"Politie eenheid {unit}", PartyKind.POLITIE),
            (f"Openbaar Ministerie, Arrondissementsparket {unit}", PartyKind.OM),
        ):
            party = _party(name, kind, joined)
            for region in covered:
                region.kernpartijen.append(party)
            members.append((party, covered))
    for name, kind in NATIONAL_PARTIES:
        party = _party(name, kind, joined)
        for region in regions:
            region.casuspartijen.append(party)
        members.append((party, regions))
    for region in regions:
        for name, kind in REGIONAL_PARTIES:
            party = _party(f"{name} {region.label}", kind, joined)
            region.casuspartijen.append(party)
            members.append((party, [region]))
        for name in EXTERNAL_PARTIES:
            party = _party(f"{name} {region.label}", PartyKind.EXTERN, joined)
            region.partners.append(party)
            members.append((party, [region]))
    parties = Party.objects.bulk_create(party for party, _covered in members)
    through = Party.veiligheidshuizen.through
    through.objects.bulk_create(
        through(party_id=party.pk, veiligheidshuis_id=region.row.pk)
        for party, covered in members
        for region in covered
    )
    AuthorisationChange.objects.bulk_create(
        AuthorisationChange(action=AuthorisationAction.PARTY_CREATED, party=party, reason=REASON)
        for party in parties
    )
    progress.add(len(parties) * 3)
    for region in regions:
        region.weegploeg = party_services.weegploeg_file(region.row)
    return Structure(regions=regions, parties=parties, joined=joined)


def build_overleggen(structure: Structure) -> None:
    """Two casusoverleggen per Veiligheidshuis with their participants and ICO file (the
    chairs come with the users)."""
    for region in structure.regions:
        kernpartijen = region.gemeenten + region.kernpartijen
        for kind, taking_part in OVERLEG_KINDS.items():
            overleg = CasusOverleg.objects.create(
                name=f"{kind} {region.label}",
                veiligheidshuis=region.row,
                covenant_title=f"Privacyconvenant {kind} {region.label}",
                covenant_reference=f"{kind.replace(' ', '-')}-{region.row.code}".upper()[:100],
                covenant_date=structure.joined,
                controller="De kernpartijen gezamenlijk",
            )
            taking = kernpartijen + [p for p in region.casuspartijen if p.kind in taking_part]
            overleg.participants.set(taking)
            region.participants[kind] = {party.pk for party in taking}
            region.overleggen[kind] = overleg
            region.files[kind] = file_of(overleg)


def record_declarations(structure: Structure, beheerder) -> None:
    """C6, P6: the first external partner of each Veiligheidshuis signed its declaration."""
    for region in structure.regions:
        party_services.record_declaration(
            region.partners[0],
            signed_on=structure.joined,
            signed_by="De directeur",
            document_reference=f"GV-{region.row.code}"[:100],
            by=beheerder,
        )
