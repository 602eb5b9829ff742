"""U5: thousands of generated requests over the published OpenAPI document, against the live
Django application (WSGI) as a signed-in uitvoerder with dossiers of both files: no server
error, and every answer matches the document (status code documented, content type, body).

A fixed seed (derandomize) and a bounded number of examples per operation keep it repeatable
and within a few minutes. Every request runs in a savepoint that is rolled back, so each one
meets the same data."""

import json
import zlib
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cases import meeting_services
from cases import services as case_services
from config.wsgi import application
from tests.cases.factories import Ico
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory, authorise
from tests.weegploeg.factories import full_dossier
from weegploeg import models

ROOT = Path(__file__).resolve().parents[2]
BASE_URL = "http://localhost/api/v1"
CSRF_TOKEN = "Sch3mathesisCsrfT0kenOf32Chars00"  # 32 characters, as Django's secret

schema = schemathesis.openapi.from_dict(
    json.loads((ROOT / "docs" / "api" / "openapi.json").read_text())
)
# The session of the fixture signs in: no generated token or cookie in its place.
schema.config.generation.update(with_security_parameters=False)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# The identifier of one real object per collection (the first segment of the path), so that
# most requests to `/{collection}/{id}` reach an object; filled in by the fixture.
REAL: dict[str, object] = {}


def with_real_objects(case):
    """Three in four cases get the real object's identifier in their path, chosen by the
    case's own content, so that a replayed case is the same case."""
    if not case.path_parameters:
        return
    collection = case.operation.path.strip("/").split("/")[0]
    chance = zlib.crc32(repr((case.method, case.query, case.body)).encode()) % 4
    if collection in REAL and chance:
        [name] = case.path_parameters
        case.path_parameters = {name: REAL[collection]}


@pytest.fixture(scope="module")
def keeper(django_db_setup, django_db_blocker):
    """An uitvoerder who keeps both files of a Veiligheidshuis, with something in every table;
    made once for all operations, in a transaction rolled back at the end. Requests must not
    close the test's database connection (as in Django's test client)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        yield _sign_in(_dossiers())
        transaction.set_rollback(True)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _dossiers():
    region = VeiligheidshuisFactory(code="kennemerland", name="Veiligheidshuis Kennemerland")
    ico = Ico(region)
    for user in (ico.keeper, ico.agent):  # P8: the weegploeg of the region too
        authorise(user, region)
    wp = SimpleNamespace(
        region=region, agent=ico.agent, politie=ico.politie, om=ico.om, uitvoerder=ico.keeper
    )
    dossier = full_dossier(wp)
    case = ico.open_case()
    meeting = meeting_services.hold_meeting(
        casusoverleg=ico.overleg,
        held_on=date(2026, 11, 25),
        chair=ico.chair,
        attendees=[ico.politie, ico.gemeente],
        cases=[case],
        by=ico.keeper,
    )
    measure = case_services.add_measure(
        case,
        by=ico.keeper,
        description="Begeleiding naar werk.",
        owner=ico.gemeente,
        deadline=date(2026, 12, 31),
    )
    REAL.update(
        {
            "wegingen": dossier[models.Assessment].number,
            "signalen": dossier[models.Signal].pk,
            "analyses": dossier[models.Analysis].pk,
            "beslissingen": dossier[models.Decision].pk,
            "overleggen": dossier[models.AgendaItem].meeting_id,
            "casussen": case.number,
            "casusoverleggen": ico.overleg.pk,
            "maatregelen": measure.pk,
            "bijeenkomsten": meeting.pk,
            "partijen": ico.gemeente.pk,
            "veiligheidshuizen": region.pk,
        }
    )
    return ico.keeper


def _sign_in(user):
    client = verified_client(user)
    cookies = {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: CSRF_TOKEN,
    }
    return SimpleNamespace(cookies=cookies, headers={"X-CSRFToken": CSRF_TOKEN})


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_u5_generated_requests_get_no_server_error_and_answers_that_match_the_schema(case, keeper):
    with_real_objects(case)
    with transaction.atomic():
        response = case.call(
            base_url=BASE_URL, headers=keeper.headers, cookies=keeper.cookies, app=application
        )
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS, headers=keeper.headers)
