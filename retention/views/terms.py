"""A kept file's retention terms (B2-B4, C11): edited by its keeper only (a beheerder who keeps
no file may not); `retention.services.terms.set_terms` validates them (archive before
destroy), and its refusal is shown on the form, which keeps what was typed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from config.pages import add_service_errors
from parties.models import DataFile
from retention.forms import TermsForm
from retention.permissions import may_keep_file
from retention.services.terms import set_terms
from retention.terms import describe, terms_for
from retention.views.common import KeeperMixin


class TermsEditView(KeeperMixin, FormView):
    template_name = "retention/terms_form.html"
    form_class = TermsForm

    def dispatch(self, request, *args, **kwargs):
        self.data_file = DataFile.objects.filter(pk=kwargs["pk"]).first()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.check_keeper()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check_keeper()
        return super().post(request, *args, **kwargs)

    def check_keeper(self):
        if self.data_file is None or not may_keep_file(self.request.user, self.data_file):
            raise Http404

    def get_initial(self):
        terms = terms_for(self.data_file)
        return {
            "archive_after_months": terms.archive_after_months,
            "archive_from": terms.archive_from,
            "destroy_after_months": terms.destroy_after_months,
            "not_agendered_destroy_after_months": terms.not_agendered_destroy_after_months,
        }

    def get_context_data(self, **kwargs):
        terms = terms_for(self.data_file)
        return super().get_context_data(
            data_file=self.data_file, terms=terms, terms_text=describe(terms), **kwargs
        )

    def form_valid(self, form):
        try:
            set_terms(self.data_file, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The retention terms have been saved."))
        return redirect("retention:overview")
