"""K1: the beheerder records per file the legal basis for the check that its specific covenant
gives, and removes it. Configuration, no personal data: 403 for everyone else."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from config.pages import PAGE_SIZE, SortedListMixin, add_service_errors
from elsewhere import forms, services
from elsewhere.models import CheckBasis
from elsewhere.services.basis import may_record_basis
from parties.models import DataFile


class BeheerderOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_record_basis(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class BasisListView(BeheerderOnlyMixin, SortedListMixin, ListView):
    """Every file with its basis or "no legal basis", by Veiligheidshuis and name."""

    template_name = "elsewhere/basis_list.html"
    context_object_name = "files"
    paginate_by = PAGE_SIZE
    sorts = {
        "veiligheidshuis": ("veiligheidshuis__name", "kind", "name"),
        "name": ("name",),
        "recorded": ("elsewhere_basis__recorded_at",),
    }
    default_sort = "veiligheidshuis"

    def get_queryset(self):
        files = DataFile.objects.select_related("veiligheidshuis", "elsewhere_basis")
        self.filters = forms.BasisFilterForm(self.request.GET or None)
        data = self.filters.cleaned_data if self.filters.is_valid() else {}
        if data.get("q"):
            files = files.filter(
                Q(name__icontains=data["q"]) | Q(veiligheidshuis__name__icontains=data["q"])
            )
        if data.get("veiligheidshuis"):
            files = files.filter(veiligheidshuis=data["veiligheidshuis"])
        if data.get("basis") == forms.BasisFilterForm.WITH:
            files = files.filter(elsewhere_basis__isnull=False)
        elif data.get("basis") == forms.BasisFilterForm.WITHOUT:
            files = files.filter(elsewhere_basis__isnull=True)
        return self.sorted(files)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filters, **kwargs)


class FileMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_record_basis(request.user):
            raise PermissionDenied
        self.data_file = get_object_or_404(
            DataFile.objects.select_related("veiligheidshuis"), pk=kwargs["pk"]
        )
        self.basis = CheckBasis.objects.filter(data_file=self.data_file).first()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            data_file=self.data_file,
            basis=self.basis,
            **kwargs,
        )


class BasisEditView(FileMixin, FormView):
    """Record or change the basis of one file (`services.record_basis`)."""

    template_name = "elsewhere/basis_form.html"
    form_class = forms.BasisForm

    def get_initial(self):
        if self.basis is None:
            return {}
        return {"basis": self.basis.basis, "reference": self.basis.reference}

    def form_valid(self, form):
        try:
            services.record_basis(
                self.data_file,
                basis=form.cleaned_data["basis"],
                reference=form.cleaned_data["reference"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The legal basis of %(file)s has been recorded.") % {"file": self.data_file.name},
        )
        return redirect("elsewhere:basis-list")


class BasisRemoveView(FileMixin, TemplateView):
    """Remove the basis of one file after confirmation (`services.remove_basis`): its keepers
    are no longer offered the check, and its dossiers no longer answer one."""

    template_name = "elsewhere/basis_remove.html"

    def get(self, request, *args, **kwargs):
        if self.basis is None:
            messages.info(request, _("This file has no legal basis for the check."))
            return redirect("elsewhere:basis-list")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.remove_basis(self.data_file, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("elsewhere:basis-list")
        messages.success(
            request,
            _("The legal basis of %(file)s has been removed.") % {"file": self.data_file.name},
        )
        return redirect("elsewhere:basis-list")
