"""Disclosures to external partners (C6, P6)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.exceptions import NotFound

from cases import disclosure_services
from cases.api.serializers import DisclosureSerializer, PartnerDisclosureSerializer
from cases.api.viewsets import CASE_FILTER, CasesViewSet, created
from cases.models import Disclosure
from cases.permissions import keepable_cases
from config.api import NOT_FOUND, WRITE_ERRORS, service_call
from config.audit import AccessLoggedRetrieveMixin
from parties.permissions import membership_of


def _is_partner(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.party.is_external


@extend_schema_view(
    list=extend_schema(parameters=[CASE_FILTER]),
    retrieve=extend_schema(responses={200: DisclosureSerializer, **NOT_FOUND}),
    create=extend_schema(responses={201: DisclosureSerializer, **WRITE_ERRORS}),
)
class DisclosureViewSet(
    AccessLoggedRetrieveMixin,
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
        if _is_partner(self.request.user):
            return PartnerDisclosureSerializer
        return DisclosureSerializer

    def get_queryset(self):
        user = self.request.user
        if _is_partner(user):
            queryset = disclosure_services.disclosures_for(user)
        else:
            queryset = Disclosure.objects.filter(case__in=keepable_cases(user))
        return self.by_case(queryset.select_related("case")).order_by("-disclosed_at", "-pk")

    def create(self, request, *args, **kwargs):
        if _is_partner(request.user):
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
