"""One row of each model of "bekend elders?" that auditlog registers, with recognisable values,
for the test that no str() shows personal data (tests/security/test_audit.py, S2)."""

from elsewhere.models import Check, CheckBasis, Peer


def elsewhere_instances(data_file, user) -> dict:
    basis = CheckBasis.objects.create(
        data_file=data_file,
        basis="Herkenbare grondslag",
        reference="Herkenbaar kenmerk",
        recorded_by=user,
    )
    check = Check.objects.create(
        asked_by=user,
        data_file=data_file,
        answers=[
            {
                "veiligheidshuis": "Veiligheidshuis Herkenbaar",
                "file": "weegploeg",
                "state": "active",
                "match": "hit",
                "contact": f"{user.first_name} {user.last_name} <{user.email}>",
                "source": "",
            }
        ],
    )
    peer = Peer.objects.create(
        name="Installatie Herkenbaar",
        base_url="https://herkenbaar.example",
        certificate="Herkenbaar certificaat",
    )
    return {CheckBasis: basis, Check: check, Peer: peer}
