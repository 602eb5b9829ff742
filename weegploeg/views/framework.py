"""The referentiekader, kept by the beheerder (W2)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from config.pages import PAGE_SIZE, SortedListMixin, add_service_errors
from parties.views.parties import BeheerderRequiredMixin
from weegploeg import forms, services
from weegploeg.models import FrameworkVersion


class FrameworkListView(BeheerderRequiredMixin, SortedListMixin, ListView):
    """The versions of the referentiekader, the one in use (the latest) first by default."""

    template_name = "weegploeg/framework_list.html"
    context_object_name = "versions"
    paginate_by = PAGE_SIZE
    sorts = {"version": ("number",), "published": ("published_at", "number")}
    default_sort = "-version"

    def get_queryset(self):
        versions = FrameworkVersion.objects.prefetch_related("criteria").select_related(
            "created_by"
        )
        return self.sorted(versions)

    def get_context_data(self, **kwargs):
        in_use = FrameworkVersion.objects.filter(published_at__isnull=False).first()
        return super().get_context_data(in_use=in_use, **kwargs)


class FrameworkCreateView(BeheerderRequiredMixin, TemplateView):
    """A new version of the referentiekader, starting from the criteria of the current one."""

    template_name = "weegploeg/framework_form.html"

    def get_context_data(self, **kwargs):
        current = FrameworkVersion.objects.first()
        initial = (
            [
                {"code": c.code, "title": c.title, "description": c.description}
                for c in current.criteria.all()
            ]
            if current
            else []
        )
        kwargs.setdefault("formset", forms.CriterionFormSet(initial=initial, prefix="criteria"))
        kwargs.setdefault("note_form", forms.FrameworkNoteForm())
        return super().get_context_data(current=current, **kwargs)

    def post(self, request, *args, **kwargs):
        formset = forms.CriterionFormSet(request.POST, prefix="criteria")
        note_form = forms.FrameworkNoteForm(request.POST)
        if formset.is_valid() and note_form.is_valid():
            criteria = [
                {key: form.cleaned_data[key] for key in ("code", "title", "description")}
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                version = services.publish_framework(
                    by=request.user, criteria=criteria, note=note_form.cleaned_data["note"]
                )
            except ValidationError as error:
                add_service_errors(note_form, error)
            else:
                messages.success(
                    request,
                    _("Version %(number)s of the referentiekader is in use.")
                    % {"number": version.number},
                )
                return redirect("weegploeg:framework-list")
        return self.render_to_response(self.get_context_data(formset=formset, note_form=note_form))
