"""What a user's filter selects (U6): the files of the user's own regions, narrowed to a
Veiligheidshuis or one casusoverleg, and the months. The one place the pages and CSV ask."""

from insights.figures import Selection
from insights.forms import FiguresFilterForm, default_period
from insights.permissions import insight_files, insight_regions


def selection_for(user, form: FiguresFilterForm | None = None) -> Selection:
    """The selection of a valid filter (or the default: every region of the user, the last
    twelve months)."""
    regions = insight_regions(user)
    files = insight_files(user)
    first, last = default_period()
    overleg = None
    if form is not None and form.is_valid():
        data = form.cleaned_data
        first, last = data["first"].replace(day=1), data["last"].replace(day=1)
        if data["region"] is not None:
            regions = regions.filter(pk=data["region"].pk)
            files = files.filter(veiligheidshuis=data["region"])
        if data["casusoverleg"] is not None:
            overleg = data["casusoverleg"]
            files = files.filter(pk=overleg.pk)
            regions = regions.filter(pk=overleg.veiligheidshuis_id)
    return Selection(
        data_files=tuple(files),
        regions=tuple(regions),
        first=first,
        last=last,
        casusoverleg=overleg,
    )
