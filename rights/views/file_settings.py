"""The beheerder's pages of the files' rights settings (I4, R3): the list of files, the form of
one file's letter contents, contact person and request term, and a preview of its letter with a
placeholder person. Beheerder only: 403 for everyone else, as on the other configuration pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView

from config.pages import PAGE_SIZE, add_service_errors
from parties.models import DataFile
from parties.permissions import is_beheerder
from rights.forms.file_settings import FileSettingsForm
from rights.models import FileRightsSettings
from rights.services import file_settings as services
from rights.services.letters import preview_letter


class BeheerderRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_beheerder(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FileSettingsListView(BeheerderRequiredMixin, ListView):
    template_name = "rights/file_settings/file_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "files"

    def get_queryset(self):
        return DataFile.objects.select_related("veiligheidshuis", "rights_settings").order_by(
            "veiligheidshuis__name", "kind", "name"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filters={}, **kwargs)
        for data_file in context["files"]:
            try:
                settings = data_file.rights_settings
            except FileRightsSettings.DoesNotExist:
                settings = None
            data_file.settings_row = settings
            shown = settings or services.default_settings(data_file)
            data_file.missing = services.missing_for_letter(shown)
        return context


class FileSettingsView(BeheerderRequiredMixin, FormView):
    """The form; its second button shows the letter as it would be with what was typed, without
    saving (I4: "with a preview")."""

    template_name = "rights/file_settings/file_form.html"
    form_class = FileSettingsForm
    title = gettext_lazy("Letter and request term of a file")

    def dispatch(self, request, *args, **kwargs):
        self.data_file = get_object_or_404(DataFile, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": services.settings_for(self.data_file)}

    def get_context_data(self, **kwargs):
        settings = services.settings_for(self.data_file)
        return super().get_context_data(
            data_file=self.data_file,
            is_default=settings.pk is None,
            missing=services.missing_for_letter(settings),
            **kwargs,
        )

    def form_valid(self, form):
        values = {name: form.cleaned_data[name] for name in services.EDITABLE}
        if "preview" in self.request.POST:
            shown = services.settings_for(self.data_file)
            for name, value in values.items():
                setattr(shown, name, value)
            return pdf_response(preview_letter(shown, by=self.request.user))
        try:
            services.save_file_settings(self.data_file, by=self.request.user, **values)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, gettext_lazy("The settings of the file have been saved."))
        return redirect("rights:file-settings", pk=self.data_file.pk)


class FileLetterPreviewView(BeheerderRequiredMixin, View):
    """GET: the letter of the file as its saved settings (or defaults) make it."""

    def get(self, request, pk):
        data_file = get_object_or_404(DataFile, pk=pk)
        return pdf_response(preview_letter(services.settings_for(data_file), by=request.user))


def pdf_response(pdf: bytes) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="voorbeeldbrief.pdf"'
    return response
