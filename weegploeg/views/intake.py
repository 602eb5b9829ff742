"""The intake of a signal (W1)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from config.pages import add_service_errors
from elsewhere.views.offer import ask, refusal_for
from parties import municipalities
from parties.permissions import membership_of
from parties.services import weegploeg_file
from weegploeg import forms, selectors, services
from weegploeg.views.access import WeegploegMixin, is_keeper, regions_of
from weegploeg.views.elsewhere import identity_of, intake_offers

# K1: what "bekend elders?" needs of the intake form; the signal itself may still be empty.
CHECK_FIELDS = ("region", "given_names", "prefix", "surname", "date_of_birth", "bsn")


class IntakeView(WeegploegMixin, FormView):
    """A signal for a new or an existing dossier. When the person is probably already in the
    file, the page lists those dossiers (only those the user may see) and asks to add the signal
    to one of them or to confirm a new dossier: never a silent duplicate."""

    template_name = "weegploeg/intake.html"
    form_class = forms.IntakeForm

    def dispatch(self, request, *args, **kwargs):
        # Offer only what can succeed (P8): no form for whom `enter_signal` would refuse.
        if request.user.is_authenticated and not selectors.may_enter_signals(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def regions(self):
        return regions_of(self.request.user)

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "regions": self.regions,
            "parties": selectors.intake_parties(user),
            "own_party": None if is_keeper(user) else membership_of(user).party,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            municipality_names=municipalities.names(),
            known_elsewhere=intake_offers(self.request.user, self.regions),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        user = self.request.user
        region = data.get("region") or self.regions.first()
        duplicates = list(selectors.known_dossiers(user, region, form.person()))
        by_number = {assessment.number: assessment for assessment in duplicates}
        target = self.request.POST.get("target", "")
        shown = set(self.request.POST.get("shown", "").split(","))
        if duplicates and (not target or set(by_number) - shown):
            return self.render_to_response(
                self.get_context_data(form=form, duplicates=duplicates, target=target)
            )
        if target not in ("", "new") and target not in by_number:
            form.add_error(
                None, _("The chosen dossier is not about this person. Check the details.")
            )
            return self.form_invalid(form)
        existing = by_number.get(target)
        try:
            entered = services.enter_signal(
                by=user,
                brought_by=data["brought_by"],
                region=region,
                behaviour=data["behaviour"],
                observed_on=data["observed_on"],
                reporter_name=data["reporter_name"],
                reporter_contact=data["reporter_contact"],
                person=None if existing else form.person(),
                assessment=existing,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_to_response(
                self.get_context_data(form=form, duplicates=duplicates, target=target)
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        number = entered.assessment.number
        messages.success(
            self.request,
            _("The signal has been recorded in dossier %(number)s.") % {"number": number},
        )
        if selectors.visible_assessments(user).filter(pk=entered.assessment_id).exists():
            return redirect("weegploeg:assessment-detail", number=number)
        return redirect("weegploeg:assessment-list")


class IntakeCheckView(IntakeView):
    """The intake's second button: checks the typed person from the weegploeg file of the
    chosen Veiligheidshuis. Refused or incomplete, the intake comes back as it was typed."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        form.is_valid()
        for name in [name for name in form.errors if name not in CHECK_FIELDS]:
            del form.errors[name]  # the signal may follow: only the person counts here
        if form.errors:
            return self.render_to_response(self.get_context_data(form=form))
        region = form.cleaned_data.get("region") or self.regions.first()
        if region is None:
            raise Http404
        data_file = weegploeg_file(region)
        reason = refusal_for(request.user, data_file)
        if reason is not None:
            form.add_error(None, reason)
            return self.render_to_response(self.get_context_data(form=form), status=403)
        identity = identity_of(form.cleaned_data)
        return ask(request, identity, data_file, back=reverse("weegploeg:signal-create"))
