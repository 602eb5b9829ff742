"""K2: the beheerder's pages about peer installations: the list, adding, changing and
deactivating one (with a reason, confirmed), and the log of changes (like P3). Thin: every
change is a call to `elsewhere.peers.services`; 403 for anyone but the beheerder."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from config.pages import PAGE_SIZE, add_service_errors
from elsewhere.models import Peer
from elsewhere.peers import forms, selectors, services


class PeerManagerRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_manage_peers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PeerListView(PeerManagerRequiredMixin, ListView):
    template_name = "elsewhere/peers/peer_list.html"
    context_object_name = "peers"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.peers().order_by("name", "pk")


class PeerChangeLogView(PeerManagerRequiredMixin, ListView):
    template_name = "elsewhere/peers/peer_log.html"
    context_object_name = "changes"
    paginate_by = 50

    def get_queryset(self):
        return selectors.changes().order_by("-at", "-pk")


class PeerAddView(PeerManagerRequiredMixin, FormView):
    template_name = "elsewhere/peers/peer_form.html"
    form_class = forms.PeerForm

    def form_valid(self, form):
        try:
            services.add_peer(**form.cleaned_data, by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The peer installation has been added."))
        return redirect("peers:list")


class OnePeerMixin(PeerManagerRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        self.peer = get_object_or_404(Peer, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(peer=self.peer, **kwargs)


class PeerChangeView(OnePeerMixin, FormView):
    template_name = "elsewhere/peers/peer_form.html"
    form_class = forms.PeerForm

    def get_initial(self):
        peer = self.peer
        return {
            "name": peer.name,
            "base_url": peer.base_url,
            "certificate": peer.certificate,
            "files": peer.files.all(),
            "requests_per_minute": peer.requests_per_minute,
        }

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        if data["certificate"].strip() == self.peer.certificate:
            del data["certificate"]
        try:
            services.change_peer(self.peer, by=self.request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The peer installation has been changed."))
        return redirect("peers:list")


class PeerDeactivateView(OnePeerMixin, FormView):
    """Asks for confirmation and a reason; the POST deactivates."""

    template_name = "elsewhere/peers/peer_deactivate.html"
    form_class = forms.DeactivateForm

    def form_valid(self, form):
        try:
            services.deactivate_peer(
                self.peer, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The peer installation has been deactivated."))
        return redirect("peers:list")
