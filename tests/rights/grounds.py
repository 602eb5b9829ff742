"""The legal grounds (AVG 23, UAVG 41) as their migration seeds them. A transactional test
(a real Celery worker) empties the database afterwards, migration data included: such tests
ask for a ground through `ground()`, which seeds again first."""

import importlib

from rights.models import LegalGround

SEEDED = importlib.import_module("rights.migrations.0005_legal_grounds").GROUNDS


def ground(code: str) -> LegalGround:
    for order, (seeded_code, label, article) in enumerate(SEEDED, start=1):
        LegalGround.objects.get_or_create(
            code=seeded_code, defaults={"label": label, "article": article, "order": order}
        )
    return LegalGround.objects.get(code=code)
