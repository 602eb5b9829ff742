"""R5 (CTER 12.4, VH 18.2, AVG 23, UAVG 41): access refused or limited. The uitvoerder
withholds a dossier, or one item of it, on a ground of the maintained list, with reasons; the
overview leaves it out and marks it, and the reasoned letter names every ground and reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from rights.constants import LetterKind, RequestKind
from rights.models import LegalGround, Letter, Withholding
from rights.pdf import render_pdf
from rights.services.outcome_common import check_step, confirmed_ref, item_kind
from rights.services.overview import letter_context
from subjects import registry
from subjects.registry import ItemRef


def withhold(
    subject_request,
    *,
    by,
    file_label: str,
    dossier_key: str,
    ground: LegalGround,
    reasons: str,
    item: ItemRef | None = None,
) -> Withholding:
    """Withhold the whole dossier (`item` None) or one item of it."""
    check_step(subject_request, by=by, kind=RequestKind.ACCESS)
    ref = confirmed_ref(subject_request, file_label, dossier_key)
    errors = {}
    if ground is None or not ground.active:
        errors["ground"] = _("Choose a ground that is in use.")
    if not (reasons or "").strip():
        errors["reasons"] = _("Give the reasons.")
    if item is not None:
        try:
            registry.dossier_item(ref, item)
        except LookupError:
            errors["item"] = _("This item is not in the dossier.")
    if errors:
        raise ValidationError(errors)
    withholding = Withholding(
        request=subject_request,
        file_label=ref.file_label,
        dossier_key=ref.key,
        item_model=item.model if item is not None else "",
        item_pk=item.pk if item is not None else None,
        ground=ground,
        reasons=reasons.strip(),
        recorded_by=by,
    )
    withholding.full_clean()
    withholding.save()
    return withholding


def withdraw(withholding: Withholding, *, by) -> None:
    """Take back a withholding recorded in error, before the letters are made again."""
    check_step(withholding.request, by=by)
    withholding.delete()


def describe(withholding: Withholding, file_names: dict) -> str:
    name = file_names.get((withholding.file_label, withholding.dossier_key), "")
    if withholding.whole_dossier:
        return _("All data in %(file)s (dossier %(number)s)") % {
            "file": name,
            "number": withholding.dossier_key,
        }
    return _("An item (%(kind)s) in %(file)s (dossier %(number)s)") % {
        "kind": item_kind(withholding.item_model),
        "file": name,
        "number": withholding.dossier_key,
    }


@transaction.atomic
def make_refusal_letter(subject_request, *, by) -> Letter:
    """The reasoned refusal or limitation (kind REFUSAL): every withholding with its ground,
    its article and the reasons. An earlier letter not yet sent is replaced."""
    check_step(subject_request, by=by, kind=RequestKind.ACCESS)
    withholdings = list(subject_request.withholdings.select_related("ground"))
    if not withholdings:
        raise ValidationError(_("Nothing is withheld: there is no refusal to explain."))
    file_names = {}
    for w in withholdings:
        key = (w.file_label, w.dossier_key)
        if key not in file_names:
            file_names[key] = registry.get(w.file_label).data_file(registry.DossierRef(*key)).name
    with translation.override("nl"):
        rows = [
            {
                "what": describe(w, file_names),
                "ground": w.ground.label,
                "article": w.ground.article,
                "reasons": w.reasons,
            }
            for w in withholdings
        ]
    whole = (
        all(w.whole_dossier for w in withholdings)
        and len({(w.file_label, w.dossier_key) for w in withholdings})
        == subject_request.dossiers.count()
    )
    pdf = render_pdf(
        "rights/letters/refusal.html",
        letter_context(subject_request, rows=rows, refused=whole),
    )
    subject_request.letters.filter(kind=LetterKind.REFUSAL, sent_on__isnull=True).delete()
    return Letter.objects.create(
        kind=LetterKind.REFUSAL, request=subject_request, pdf=pdf, made_by=by
    )
