"""Optimistic concurrency in the API (docs/adr/0012-optimistic-concurrency.md): an object's
version is its `ETag`; an update sends it back in `If-Match` (428 when missing) and a stale one
answers 412 problem+json. The rule itself is `config.concurrency.claim_version`."""

import re
from contextlib import contextmanager

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import APIException

from config.api import PROBLEM_JSON, ProblemSerializer
from config.concurrency import MISSING, StaleVersion, VersionMissing


def etag(version: int) -> str:
    """The strong entity tag of an object's version (it names the stored version, not bytes)."""
    return f'"{version}"'


class PreconditionRequired(APIException):
    status_code = 428
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "stale"


_ENTITY_TAG = re.compile(r'^"(\d{1,9})"$')


def if_match_version(request) -> int | None:
    """The version an update read, from its If-Match header, for the service's
    `expected_version`: `MISSING` without one (428 once the service found the user may edit),
    `None` for `*` (any version), and 0 (which matches no version, so 412) for anything that is
    not one of our tags."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return MISSING
    if header == "*":
        return None
    found = _ENTITY_TAG.match(header)
    return int(found.group(1)) if found else 0


@contextmanager
def stale_as_412():
    """Inside `service_call()`: a stale version answers 412 and a missing one 428, not 400."""
    try:
        yield
    except VersionMissing as missing:
        raise PreconditionRequired(detail=missing.messages[0]) from missing
    except StaleVersion as stale:
        raise PreconditionFailed(detail=stale.messages[0]) from stale


def with_etag(response, instance):
    """The answer carries the object's version as its ETag."""
    response["ETag"] = etag(instance.version)
    return response


class ETagRetrieveMixin:
    """A retrieve answers with the object's version as its ETag. Put it before the mixin or
    class that implements `retrieve`."""

    _etag_object = None

    def get_object(self):
        self._etag_object = super().get_object()
        return self._etag_object

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if response.status_code == status.HTTP_200_OK and self._etag_object is not None:
            with_etag(response, self._etag_object)
        return response


# OpenAPI: the headers and answers of an object with a version and of its updates.
ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[200],
    description="The version of the object; send it back in If-Match to change the object.",
)
IF_MATCH_HEADER = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    description=(
        "The ETag of the object as it was read (or `*` for any version). Missing: 428; "
        "no longer the current version, because someone else changed the object: 412."
    ),
)
PRECONDITION_ERRORS = {
    (412, PROBLEM_JSON): OpenApiResponse(
        ProblemSerializer,
        description="Precondition failed: someone else changed the object after it was read.",
    ),
    (428, PROBLEM_JSON): OpenApiResponse(
        ProblemSerializer, description="Precondition required: the If-Match header is missing."
    ),
}
