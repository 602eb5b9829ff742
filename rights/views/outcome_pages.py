"""The overview pages (R4): the preview, the PDF made and kept as a letter, the machine-readable
JSON copy; and the download of an outcome letter. Every read of a dossier goes through the
registry's export, which logs it as an export (S2)."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from config.audit import ReadKind, log_reads
from rights.constants import LetterKind
from rights.services import overview as overview_service
from rights.views.outcomes import OUTCOME_LETTERS, RequestOutcomeMixin


class OverviewView(RequestOutcomeMixin, TemplateView):
    """GET: the overview as the subject will read it; POST: make the PDF (kept as a letter)."""

    template_name = "rights/outcomes/overview.html"

    def get(self, request, *args, **kwargs):
        try:
            self.overview = overview_service.build_overview(self.subject_request, by=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect(self.outcomes_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=self.overview, **overview_service.general_texts(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            overview_service.make_overview_letter(self.subject_request, by=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("The overview has been made as a PDF."))
        return redirect(self.outcomes_url())


class OverviewJsonView(RequestOutcomeMixin, View):
    """The machine-readable copy of the overview (AVG 15.3), as a download."""

    def get(self, request, *args, **kwargs):
        try:
            document = overview_service.overview_document(self.subject_request, by=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect(self.outcomes_url())
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"overzicht-{self.subject_request.number}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class LetterPdfView(RequestOutcomeMixin, View):
    """An outcome letter of the request as its PDF. Reading the overview is an export read."""

    def get(self, request, *args, **kwargs):
        letter = (
            self.subject_request.letters.filter(pk=kwargs["pk"], kind__in=OUTCOME_LETTERS)
            .only("pk", "kind", "pdf")
            .first()
        )
        if letter is None:
            raise Http404
        kind = ReadKind.EXPORT if letter.kind == LetterKind.ACCESS else ReadKind.DETAIL
        log_reads(request, [letter], kind=kind)
        response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
        filename = f"{letter.kind}-{self.subject_request.number}-{letter.pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
