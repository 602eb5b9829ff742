"""Test data. Parties and memberships go through the services, so groups are as in production."""

from datetime import date

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from parties import services
from parties.constants import AccessLevel, Function, PartyKind
from parties.models import DataFile, FileAuthorisation, Party, User, Veiligheidshuis

TEST_PASSWORD = "Een-lang-testwachtwoord-42"


class VeiligheidshuisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Veiligheidshuis
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Veiligheidshuis {n}")
    code = factory.Sequence(lambda n: f"vh-{n}")


def kennemerland() -> Veiligheidshuis:
    """The Veiligheidshuis of most tests (the `region` fixture)."""
    return VeiligheidshuisFactory(code="kennemerland", name="Veiligheidshuis Kennemerland")


class PartyFactory(factory.Factory):
    """Builds through `services.create_party`. Traits for the kinds the tests need."""

    class Meta:
        model = Party

    name = factory.Sequence(lambda n: f"Partij {n}")
    kind = PartyKind.POLITIE
    municipality_code = ""
    joined_on = date(2024, 1, 1)
    veiligheidshuizen = factory.LazyFunction(lambda: [VeiligheidshuisFactory()])

    class Params:
        gemeente = factory.Trait(
            kind=PartyKind.GEMEENTE,
            name=factory.Sequence(lambda n: f"Gemeente {n}"),
            municipality_code=factory.Sequence(lambda n: f"{n % 10000:04d}"),
        )
        om = factory.Trait(kind=PartyKind.OM)
        rvdk = factory.Trait(kind=PartyKind.RVDK)
        extern = factory.Trait(kind=PartyKind.EXTERN)

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.create_party(by=None, reason="test", **kwargs)


def data_file(thing) -> DataFile:
    """The file of a Veiligheidshuis (its weegploeg), a casusoverleg (its ICO file) or a file."""
    if isinstance(thing, DataFile):
        return thing
    if isinstance(thing, Veiligheidshuis):
        return services.weegploeg_file(thing)
    from cases.permissions import file_of

    return file_of(thing)


def authorise(user: User, thing, level: str = AccessLevel.READWRITE) -> FileAuthorisation:
    """P8: authorise `user` for the file of `thing` (see `data_file`), as the system."""
    return services.grant_file_access(
        user, file=data_file(thing), level=level, by=None, reason="test"
    )


def make_user(party: Party, *functions: str, username: str | None = None, files=()) -> User:
    """A user of `party` with the given functions (deelnemer when none) and a TOTP device,
    authorised for `files` (P8): each a Veiligheidshuis (its weegploeg), a casusoverleg or a
    DataFile, read-write, or a pair (thing, level)."""
    username = username or f"user{User.objects.count() + 1}-{party.pk}"
    user = services.create_user(
        username=username,
        first_name="Test",
        last_name="Gebruiker",
        email=f"{username}@example.org",
        password=TEST_PASSWORD,
        party=party,
        functions=functions or (Function.DEELNEMER,),
        by=None,
        reason="test",
    )
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    for entry in files:
        thing, level = entry if isinstance(entry, tuple) else (entry, AccessLevel.READWRITE)
        authorise(user, thing, level)
    user.refresh_from_db()
    return user


def record_declaration(party: Party, by: User) -> None:
    services.record_declaration(
        party,
        signed_on=date(2024, 2, 1),
        signed_by="A. Ondertekenaar",
        document_reference="GV-TEST",
        by=by,
    )
