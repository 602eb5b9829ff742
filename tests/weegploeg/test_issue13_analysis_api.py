"""Issue 13 (W2, U5): the API's list of analyses reads the findings' criteria once and shares
them, a dozen criteria for hundreds of findings, not a criterion joined to every finding; the
analyses and their findings stay as they were."""

import pytest

from tests.conftest import verified_client
from tests.queries import count_queries, instances_built
from tests.weegploeg.factories import Weegploeg, analyse, signal
from weegploeg.models import Criterion, CriterionFinding, FrameworkVersion

pytestmark = pytest.mark.django_db

URL = "/api/v1/analyses"


def _analysed(wp, count: int) -> None:
    for _ in range(count):
        assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
        analyse(assessment, by=wp.uitvoerder)


def test_issue13_w2_u5_the_findings_share_their_criteria_in_queries_that_do_not_grow(region):
    wp = Weegploeg(region)
    _analysed(wp, 1)
    client = verified_client(wp.agent)
    few = count_queries(client, URL)
    _analysed(wp, 3)
    criteria = FrameworkVersion.objects.get().criteria.count()

    with instances_built(Criterion) as built:
        body = client.get(URL).json()

    assert count_queries(client, URL) == few
    assert body["count"] == 4
    assert len(built) == criteria < CriterionFinding.objects.count()
    for analysis in body["results"]:
        assert len(analysis["findings"]) == criteria
        for finding in analysis["findings"]:
            criterion = Criterion.objects.get(pk=finding["criterion"])
            assert (finding["criterionCode"], finding["criterionTitle"]) == (
                criterion.code,
                criterion.title,
            )
