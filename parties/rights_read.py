"""How a user's rights are read with the user in one query (issue 13, `parties.rights`): the
membership, party, functions, declaration and the apps' facts as EXISTS columns, and on
PostgreSQL the groups, live file authorisations and the party's Veiligheidshuizen as arrays.
`parties.backends` compiles this query once per connection (ADR 0030)."""

from collections.abc import Callable

from django.db import connections
from django.db.models import Exists, OuterRef

from parties.constants import Function

MANAGE_AUTHORISATIONS = "parties.manage_authorisations"

# Facts the apps above parties derive from their own tables about a user (a designated officer
# of the requests of subjects): name -> a function of the user's pk (an OuterRef) giving an
# Exists, read with the user's rights in the same query.
FACTS: dict[str, Callable] = {}


def register_fact(name: str, expression: Callable) -> None:
    FACTS[name] = expression


# What each field of an `Authorisation` is read from: a live FileAuthorisation annotated with
# `in_party_region`.
AUTHORISATION_COLUMNS = {
    "file_id": "file_id",
    "kind": "file__kind",
    "key": "file__key",
    "veiligheidshuis_id": "file__veiligheidshuis_id",
    "level": "level",
    "keeper_group_id": "file__keeper_group_id",
    "in_party_region": "in_party_region",
}


def annotations(user_pk) -> dict:
    """What `with_rights` reads with each user, `user_pk` the OuterRef to the user's pk."""
    from django.contrib.auth.models import Permission

    from parties.models import ConfidentialityDeclaration, FunctionGrant, Party

    app_label, codename = MANAGE_AUTHORISATIONS.split(".")
    manage = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    grants = FunctionGrant.objects.filter(membership__user=user_pk)
    regions = Party.veiligheidshuizen.through.objects
    return {
        "rights_declared": Exists(
            ConfidentialityDeclaration.objects.filter(party__memberships__user=user_pk)
        ),
        "rights_has_regions": Exists(regions.filter(party__memberships__user=user_pk)),
        "rights_manages_by_group": Exists(manage.filter(group__user=user_pk)),
        "rights_manages_by_user": Exists(manage.filter(user=user_pk)),
        **{
            f"rights_holds_{code}": Exists(grants.filter(function=code)) for code in Function.values
        },
        **{f"rights_fact_{name}": expression(user_pk) for name, expression in FACTS.items()},
    }


GROUP_IDS = "rights_group_ids"
AUTHORISATIONS = "rights_authorisations"
REGION_IDS = "rights_region_ids"
ARRAYS = (GROUP_IDS, AUTHORISATIONS, REGION_IDS)


def _arrays(users) -> dict:
    """What `Rights` holds as arrays, on PostgreSQL: the pks of each user's groups
    (`Rights.group_ids`), the live file authorisations (`Rights.authorisations`, one JSON object
    each) and the pks of the party's Veiligheidshuizen (`Rights.regions`; issue 13). Nothing on
    the embedded SQLite default, which has no arrays: there each is read in its own query when
    asked, as outside a request."""
    if connections[users.db].vendor != "postgresql":
        return {}
    from django.contrib.auth import get_user_model
    from django.contrib.postgres.expressions import ArraySubquery
    from django.db.models.functions import JSONObject

    from parties.models import FileAuthorisation, Party

    memberships = get_user_model().groups.through.objects.filter(user_id=OuterRef("pk"))
    regions = Party.veiligheidshuizen.through.objects
    own_region = regions.filter(
        party__memberships__user_id=OuterRef("user_id"),
        veiligheidshuis=OuterRef("file__veiligheidshuis"),
    )
    granted = (
        FileAuthorisation.objects.live()
        .filter(user_id=OuterRef("pk"))
        .annotate(in_party_region=Exists(own_region))
        .order_by("file_id")
        .values(row=JSONObject(**AUTHORISATION_COLUMNS))
    )
    party_regions = regions.filter(party__memberships__user_id=OuterRef("pk"))
    return {
        GROUP_IDS: ArraySubquery(memberships.order_by("group_id").values("group_id")),
        AUTHORISATIONS: ArraySubquery(granted),
        REGION_IDS: ArraySubquery(
            party_regions.order_by("veiligheidshuis_id").values("veiligheidshuis_id")
        ),
    }


def with_rights(users):
    """`users` (a User queryset) each read with their membership, party, functions, declaration,
    groups, file authorisations, Veiligheidshuizen and the apps' facts: what `Rights` holds, in
    the same query (the arrays on PostgreSQL only)."""
    users = users.select_related("membership__party")
    return users.annotate(**annotations(OuterRef("pk")), **_arrays(users))
