"""The destruction report of a batch for the controller (B8), as PDF and CSV: for the keepers of
the destroyed dossiers' files (`retention.services.report`), each download logged (S2)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from config.audit import ReadKind, log_reads
from retention.models import SweepRun
from retention.permissions import may_see_retention
from retention.services import report


class ReportView(View):
    """403 for who keeps no file; 404 for a batch with no record in the files the user keeps."""

    suffix = ""

    def get(self, request, pk):
        if not may_see_retention(request.user):
            raise PermissionDenied
        run = get_object_or_404(SweepRun, pk=pk)
        records = report.records_for(request.user, run)
        if not records:
            raise Http404
        log_reads(request, [run], kind=ReadKind.EXPORT)
        response = self.render(run, records)
        name = f"vernietigingen-{run.pk}.{self.suffix}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ReportPdfView(ReportView):
    suffix = "pdf"

    def render(self, run, records):
        return HttpResponse(report.report_pdf(run, records), content_type="application/pdf")


class ReportCsvView(ReportView):
    suffix = "csv"

    def render(self, run, records):
        return HttpResponse(report.report_csv(records), content_type="text/csv; charset=utf-8")
