"""The uitvoerder's steps on a request's outcomes (R5-R7): withhold, the refusal letter,
rectify, erase (after confirmation), restrict, record a notice sent, decide an objection.
Each valid form calls one service; its refusal is shown on the form, which keeps the input."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from config.pages import add_service_errors
from rights.models import Notice, Withholding
from rights.outcome_constants import ChangeAction
from rights.services import execution, objection, refusal
from rights.services.outcome_items import item_choices, parse_target
from rights.views import outcome_forms as forms
from rights.views.outcomes import RequestOutcomeMixin

ACTION_SLUGS = {
    "rectificatie": ChangeAction.RECTIFY,
    "wissing": ChangeAction.ERASE,
    "afscherming": ChangeAction.RESTRICT,
}


class OutcomeFormView(RequestOutcomeMixin, FormView):
    template_name = "rights/outcomes/form.html"
    title = ""
    intro = ""
    submit_label = gettext_lazy("Save")
    success_message = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, intro=self.intro, **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, _target_errors(error))
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, self.success_message)
        return redirect(self.outcomes_url())

    def target(self, data):
        found = parse_target(data["target"])
        if found is None:
            raise ValidationError({"target": _("Choose an item of the dossier.")})
        return found


def _target_errors(error: ValidationError) -> ValidationError:
    """The services name the dossier and the item; the form has one field for both."""
    if not hasattr(error, "error_dict"):
        return error
    moved = {}
    for name, errors in error.error_dict.items():
        key = "target" if name in ("dossier", "item") else name
        key = "value" if name.startswith("changes.") else key
        moved.setdefault(key, []).extend(errors)
    return ValidationError(moved)


class WithholdView(OutcomeFormView):
    form_class = forms.WithholdForm
    title = gettext_lazy("Withhold a dossier or an item")
    intro = gettext_lazy(
        "Access is refused or limited only on a ground of AVG 23 (UAVG 41), with reasons. "
        "The overview leaves the part out and marks it; the letter explains it."
    )
    success_message = gettext_lazy("The withholding has been recorded.")

    def get_form_kwargs(self):
        targets = item_choices(self.subject_request, by=self.request.user, whole=True)
        return {**super().get_form_kwargs(), "targets": targets}

    def perform(self, data):
        target = self.target(data)
        refusal.withhold(
            self.subject_request,
            by=self.request.user,
            file_label=target.ref.file_label,
            dossier_key=target.ref.key,
            item=target.item,
            ground=data["ground"],
            reasons=data["reasons"],
        )


class WithdrawView(RequestOutcomeMixin, View):
    def post(self, request, *args, **kwargs):
        withholding = get_object_or_404(Withholding, pk=kwargs["pk"], request=self.subject_request)
        refusal.withdraw(withholding, by=request.user)
        messages.success(request, _("The withholding has been withdrawn."))
        return redirect(self.outcomes_url())


class RefusalLetterView(RequestOutcomeMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            refusal.make_refusal_letter(self.subject_request, by=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("The letter has been made as a PDF."))
        return redirect(self.outcomes_url())


class ChangeView(OutcomeFormView):
    """R6: rectify, erase or restrict one item; the notices go to the recipients in the
    records. An erasure is confirmed first (it cannot be undone)."""

    FORMS = {
        ChangeAction.RECTIFY: forms.RectifyForm,
        ChangeAction.ERASE: forms.EraseForm,
        ChangeAction.RESTRICT: forms.RestrictForm,
    }
    TITLES = {
        ChangeAction.RECTIFY: gettext_lazy("Rectify an item"),
        ChangeAction.ERASE: gettext_lazy("Erase an item"),
        ChangeAction.RESTRICT: gettext_lazy("Restrict an item"),
    }
    intro = gettext_lazy(
        "The change is made in the file itself; every party and partner that received data "
        "of the dossier (from the records) gets a notice."
    )
    success_message = gettext_lazy("The change has been made and the notices prepared.")

    @cached_property
    def action(self):
        action = ACTION_SLUGS.get(self.kwargs["action"])
        if action is None:
            raise Http404
        return action

    @property
    def title(self):
        return self.TITLES[self.action]

    def get_form_class(self):
        return self.FORMS[self.action]

    def get_form_kwargs(self):
        targets = item_choices(
            self.subject_request,
            by=self.request.user,
            fields=self.action == ChangeAction.RECTIFY,
        )
        return {**super().get_form_kwargs(), "targets": targets}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            destructive=self.action == ChangeAction.ERASE,
            deadline=self.subject_request.deadline,
            **kwargs,
        )

    def perform(self, data):
        target = self.target(data)
        changes = None
        if self.action == ChangeAction.RECTIFY:
            if not target.field:
                raise ValidationError({"target": _("Choose the field to correct.")})
            changes = {target.field: data["value"]}
        execution.change_item(
            self.subject_request,
            by=self.request.user,
            file_label=target.ref.file_label,
            dossier_key=target.ref.key,
            item=target.item,
            action=self.action,
            reason=data["reason"],
            changes=changes,
            restriction_reason=data.get("restriction_reason", ""),
        )


class NoticeSentView(OutcomeFormView):
    form_class = forms.NoticeSentForm
    title = gettext_lazy("Record that a notice was sent")
    success_message = gettext_lazy("The sending has been recorded.")

    @cached_property
    def notice(self):
        return get_object_or_404(
            Notice.objects.select_related("change", "letter"),
            pk=self.kwargs["pk"],
            change__request=self.subject_request,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(notice=self.notice, **kwargs)

    def perform(self, data):
        execution.record_notice_sent(
            self.notice, by=self.request.user, sent_on=data["sent_on"], means=data["means"]
        )


class ObjectionView(OutcomeFormView):
    form_class = forms.ObjectionForm
    title = gettext_lazy("Decide on the objection")
    intro = gettext_lazy(
        "Decide within four weeks of receipt. Upheld, the processing of every "
        "dossier of this request ends: each is closed and goes to retention."
    )
    success_message = gettext_lazy("The decision has been recorded and the letter made.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(deadline=self.subject_request.deadline, **kwargs)

    def perform(self, data):
        objection.decide_objection(
            self.subject_request,
            by=self.request.user,
            weighing=data["weighing"],
            upheld=data["upheld"],
            decided_on=data["decided_on"],
        )
