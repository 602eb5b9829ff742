"""U6, O3, ADR 0028: the summary of management information is worked out by a Celery job the
beat runs every hour, by a real worker when an overseer asks for it on the page, and once by
the demo and the national seed, so the page shows figures right after either."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from insights.models import FigureSummary, SummaryRun
from insights.tasks import recompute_figures
from tests.celery_worker import wait_for
from tests.conftest import verified_client
from tests.factories import data_file


@pytest.mark.django_db
def test_u6_o3_the_beat_works_the_summary_out_every_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["insights-recompute-figures"]
    assert import_string(entry["task"]) is recompute_figures
    assert entry["schedule"].hour == set(range(24)) and len(entry["schedule"].minute) == 1


@pytest.mark.django_db(transaction=True)
def test_u6_o3_asking_for_a_run_has_the_worker_work_the_figures_out(world, worker):
    FigureSummary.objects.all().delete()
    SummaryRun.objects.all().delete()
    response = verified_client(world.fg).post(reverse("insights:recompute"))
    assert response.status_code == 302 and response["Location"] == reverse("insights:figures")
    wait_for(lambda: SummaryRun.objects.exists(), seconds=60)
    weegploeg = data_file(world.ag.region)
    assert FigureSummary.objects.filter(data_file=weegploeg, figure="signals").exists()
    assert recompute_figures() == SummaryRun.objects.get().rows  # a rerun: the same rows


@pytest.mark.django_db
def test_u6_o1_the_demo_leaves_the_summary_filled(demo_data):
    run = SummaryRun.objects.get()
    assert run.rows == FigureSummary.objects.count() > 0
    assert FigureSummary.objects.filter(figure="signals").exists()


@pytest.mark.django_db
def test_u6_issue13_the_national_seed_leaves_the_summary_filled():
    from scale.run import seed

    seed(0.0005, sample=5)
    run = SummaryRun.objects.get()
    assert run.rows == FigureSummary.objects.count() > 0
    assert FigureSummary.objects.filter(figure="measures").exists()
