"""K1: "bekend elders?" from the weegploeg: at intake, about the person just typed, and about a
dossier's person, from the weegploeg file or (when agendering) from the ICO file of a fitting
casusoverleg. Names go by POST only, never in a URL. Whether the check is offered and allowed is
one rule, `elsewhere.selectors.check_refusal` (through `elsewhere.views.offer`)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from cases.permissions import file_of as ico_file_of
from elsewhere.views.offer import ask, offer
from parties.services import weegploeg_file
from subjects.registry import Identity
from weegploeg import selectors
from weegploeg.models import Assessment


def identity_of(person) -> Identity:
    """The identity asked about, of a dossier or of the typed person (a dict)."""

    def value(name):
        return person.get(name) if isinstance(person, dict) else getattr(person, name)

    return Identity(
        surname=value("surname"),
        given_names=value("given_names"),
        date_of_birth=value("date_of_birth"),
        prefix=value("prefix") or "",
        bsn=value("bsn") or "",
    )


def intake_offers(user, regions) -> dict:
    """The intake's "bekend elders?" for the Veiligheidshuizen of the form whose weegploeg the
    user keeps: whether the button is offered, and why not for the files it is not."""
    url = reverse("weegploeg:signal-known-elsewhere")
    kept = selectors.kept_region_ids(user)  # no file read for whom it is not offered
    found = [offer(user, weegploeg_file(r), url=url) for r in regions if r.pk in kept]
    found = [shown for shown in found if shown is not None]
    return {
        "offered": any(shown.refusal is None for shown in found),
        "refusals": [shown for shown in found if shown.refusal is not None],
        "several": len(found) > 1,
    }


def dossier_files(assessment: Assessment, *, agendering: bool = False) -> list:
    """The files a dossier's person is checked from: its weegploeg file on the dossier page;
    when it is put on the agenda, the ICO files of the casusoverleggen it can go to (W6)."""
    if not agendering:
        return [weegploeg_file(assessment.veiligheidshuis)]
    return [ico_file_of(c) for c in selectors.fitting_casusoverleggen(assessment)]


def dossier_offers(user, assessment: Assessment, *, agendering: bool = False) -> list:
    url = reverse("weegploeg:assessment-known-elsewhere", kwargs={"number": assessment.number})
    found = []
    for data_file in dossier_files(assessment, agendering=agendering):
        label = _("Known elsewhere? (from %(file)s)") % {"file": data_file.name}
        shown = offer(user, data_file, url=url, label=label if agendering else "")
        if shown is not None:
            found.append(shown)
    return found


class AssessmentCheckView(View):
    """Checks a dossier's person from the file posted (`file`: the weegploeg file, or the ICO
    file of a fitting casusoverleg); 404 for a dossier the user may not see or another file,
    the refusal for who may not check from it."""

    def post(self, request, number):
        assessment = selectors.get_visible_assessment(request.user, number)
        asked = request.POST.get("file", "")
        if asked:  # from the agendering page: the ICO file of a fitting casusoverleg
            files = {str(f.pk): f for f in dossier_files(assessment, agendering=True)}
            back = reverse("weegploeg:agendering", kwargs={"number": assessment.number})
        else:
            files = {"": dossier_files(assessment)[0]}
            back = reverse("weegploeg:assessment-detail", kwargs={"number": assessment.number})
        data_file = files.get(asked)
        if data_file is None:
            raise Http404
        return ask(request, identity_of(assessment), data_file, back=back)
