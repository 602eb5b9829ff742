"""Who sees management information (U6) and the register of processing activities (AVG 30).
Every page, CSV, PDF and menu link asks here; 404 for anyone else.

- Management information is for the uitvoerder and the controllers. The controllers are the
  kernpartijen jointly (CTER art. 4, VH art. 4); in this application they act through the
  functionaris gegevensbescherming (FG), who oversees the processing for them. The rule is
  therefore that of oversight (`security.permissions.overseen_regions`: the FG and the
  uitvoerder of a party of the Veiligheidshuis), scoped to those Veiligheidshuizen and their
  files. It holds no personal data, but it is not for every participant either.
- The register of processing activities is for the overseers (`may_oversee`) of the files'
  Veiligheidshuizen, and for the beheerder, who keeps every file's settings (all files)."""

from django.db.models import QuerySet

from parties.models import DataFile
from parties.permissions import is_beheerder
from security.permissions import may_oversee, overseen_regions


def insight_regions(user) -> QuerySet:
    """The Veiligheidshuizen whose figures `user` sees."""
    return overseen_regions(user)


def insight_files(user) -> QuerySet:
    """The files (the weegploeg of each region, each casusoverleg) whose figures `user` sees."""
    return DataFile.objects.filter(veiligheidshuis__in=insight_regions(user))


def may_see_insights(user) -> bool:
    return may_oversee(user)


def register_files(user) -> QuerySet:
    """The entries of the register `user` sees: every file for the beheerder; the files of the
    Veiligheidshuizen the user oversees; none for anyone else."""
    if is_beheerder(user):
        return DataFile.objects.all()
    return DataFile.objects.filter(veiligheidshuis__in=overseen_regions(user))


def may_see_register(user) -> bool:
    return may_oversee(user) or is_beheerder(user)
