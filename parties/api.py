"""API of parties: read-only lists of organisations for partner systems."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, viewsets

from config.api import CamelCaseModelSerializer
from config.concurrency_api import ETAG_HEADER, ETagRetrieveMixin
from config.read_audit import AccessLoggedRetrieveMixin
from parties.models import Party, User, Veiligheidshuis


class VeiligheidshuisSerializer(CamelCaseModelSerializer):
    class Meta:
        model = Veiligheidshuis
        fields = ["id", "name", "code"]


class PartySerializer(CamelCaseModelSerializer):
    veiligheidshuizen = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Party
        fields = [
            "id",
            "name",
            "kind",
            "role",
            "veiligheidshuizen",
            "municipality_code",
            "joined_on",
            "left_on",
        ]


class VeiligheidshuisViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Veiligheidshuis.objects.order_by("name")
    serializer_class = VeiligheidshuisSerializer


@extend_schema_view(retrieve=extend_schema(parameters=[ETAG_HEADER]))
class PartyViewSet(ETagRetrieveMixin, viewsets.ReadOnlyModelViewSet):
    """The parties of the covenants: organisations, not personal data."""

    queryset = Party.objects.prefetch_related("veiligheidshuizen").order_by("name")
    serializer_class = PartySerializer


class PartyReferenceSerializer(CamelCaseModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "name", "kind", "role"]


class CurrentUserSerializer(CamelCaseModelSerializer):
    party = PartyReferenceSerializer(source="membership.party", read_only=True)
    functions = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "party", "functions"]

    def get_functions(self, user) -> list[str]:
        return user.membership.function_codes()


class CurrentUserView(AccessLoggedRetrieveMixin, generics.RetrieveAPIView):
    """The signed-in user, the party they act for and their functions (P2)."""

    serializer_class = CurrentUserSerializer

    def get_object(self):
        return (
            User.objects.select_related("membership__party")
            .prefetch_related("membership__functions")
            .get(pk=self.request.user.pk)
        )
