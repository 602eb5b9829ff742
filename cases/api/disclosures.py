"""Disclosures to external partners (C6, P6)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.exceptions import NotFound

from cases import disclosure_services, selectors
from cases.api.serializers import DisclosureSerializer, PartnerDisclosureSerializer
from cases.api.viewsets import CASE_FILTER, CasesViewSet
from cases.models import Disclosure
from config.api import NOT_FOUND, WRITE_ERRORS, service_call
from config.read_audit import AccessLoggedViewSetMixin, created


@extend_schema_view(
    list=extend_schema(parameters=[CASE_FILTER]),
    retrieve=extend_schema(responses={200: DisclosureSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: DisclosureSerializer, **WRITE_ERRORS}),
)
class DisclosureViewSet(
    AccessLoggedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    CasesViewSet,
):
    """Disclosures to external partners (C6, P6). A user of an external partner sees the
    disclosures to its own party, exactly as they were disclosed, while its party takes part in
    the case; the keeper sees and makes the disclosures of the cases it keeps. A retrieve is
    recorded in the access log (S2)."""

    queryset = Disclosure.objects.none()

    def get_serializer_class(self):
        if selectors.is_external_partner(self.request.user):
            return PartnerDisclosureSerializer
        return DisclosureSerializer

    def get_queryset(self):
        queryset = selectors.visible_disclosures(self.request.user)
        return self.by_case(queryset.select_related("case")).order_by("-disclosed_at", "-pk")

    def create(self, request, *args, **kwargs):
        if selectors.is_external_partner(request.user):
            raise NotFound(_("Not found."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_call():
            disclosure = disclosure_services.disclose(
                data["case"],
                by=request.user,
                partner=data["partner"],
                parts=data["parts"],
                necessity=data["necessity"],
                categories=data["categories"],
                provider=data["provider"],
                provider_permission=data["provider_permission"],
                prosecutor_consent=data.get("prosecutor_consent", ""),
            )
        return created(self, disclosure)
