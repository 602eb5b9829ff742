"""API of parties: read-only lists of organisations for partner systems."""

from rest_framework import serializers, viewsets

from parties.models import Party, Veiligheidshuis


class VeiligheidshuisSerializer(serializers.ModelSerializer):
    class Meta:
        model = Veiligheidshuis
        fields = ["id", "name", "code"]


class PartySerializer(serializers.ModelSerializer):
    veiligheidshuizen = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

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


class PartyViewSet(viewsets.ReadOnlyModelViewSet):
    """The parties of the covenants: organisations, not personal data."""

    queryset = Party.objects.prefetch_related("veiligheidshuizen").order_by("name")
    serializer_class = PartySerializer
