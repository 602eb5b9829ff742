"""Pages of management information (U6) and of the register of processing activities (AVG 30).
Thin: who sees them is `insights.permissions` (404 for anyone else), the figures are
`insights.figures` through `insights.selectors`, the register `insights.register`.

Management information reads the summary (`insights.summary`, ADR 0028), worked out by a job:
the page says when, shows a line instead of tables before the first run, and lets whoever sees
it ask for a run (after a confirmation).

Reading these pages reads no personal data, so no access entry is written for a dossier; that
the page was viewed is logged (a log line with the user's id, no figures)."""

import logging
from functools import cached_property

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from config.pages import PAGE_SIZE, SortedListMixin
from insights import figures, register, summary
from insights.forms import FiguresFilterForm
from insights.permissions import may_see_insights, may_see_register, register_files
from insights.selectors import selection_for
from parties.constants import FileKind
from parties.models import Veiligheidshuis

logger = logging.getLogger(__name__)


class InsightsMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_see_insights(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class RegisterMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_see_register(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _filtered(request):
    form = FiguresFilterForm(request.user, request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    return form, valid, selection_for(request.user, form if form.is_bound else None)


class FiguresView(InsightsMixin, TemplateView):
    template_name = "insights/figures.html"

    def get_context_data(self, **kwargs):
        form, valid, selection = _filtered(self.request)
        logger.info("Management information viewed by user %s", self.request.user.pk)
        run = summary.last_run()
        found = figures.tables(selection, summary.counts(selection)) if valid and run else []
        return super().get_context_data(
            form=form,
            valid=valid,
            run=run,
            tables=found,
            charts=[table.chart() for table in found],
            selection=selection,
            query=self.request.GET.urlencode(),
            help=figures.FIGURE_HELP,
            **kwargs,
        )


class FiguresCsvView(InsightsMixin, TemplateView):
    """One table (`?table=signals`) or all (`?table=all`) as CSV, with the page's filter."""

    def get(self, request):
        form, valid, selection = _filtered(request)
        key = request.GET.get("table", "all")
        if not valid or (key != "all" and key not in figures.TABLE_KEYS):
            raise Http404
        if summary.last_run() is None:  # never worked out: nothing to download yet
            raise Http404
        counted = summary.counts(selection)
        found = [t for t in figures.tables(selection, counted) if key in ("all", t.key)]
        logger.info("Management information downloaded by user %s", request.user.pk)
        response = HttpResponse(figures.as_csv(found), content_type="text/csv; charset=utf-8")
        name = f"stuurinformatie-{key}-{selection.first:%Y-%m}-{selection.last:%Y-%m}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class RecomputeView(InsightsMixin, TemplateView):
    """Ask for the figures to be worked out afresh: a confirmation (GET), then the job queued
    after the commit (POST); the page shows the new figures once the worker is done."""

    template_name = "insights/recompute.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(run=summary.last_run(), **kwargs)

    def post(self, request):
        logger.info("Management information recompute asked by user %s", request.user.pk)
        transaction.on_commit(_queue)
        messages.success(
            request,
            _("The figures are being worked out again. Reload this page in a few minutes."),
        )
        return redirect("insights:figures")


def _queue() -> None:
    from insights.tasks import recompute_figures

    try:
        recompute_figures.delay()
    except Exception as error:  # noqa: BLE001 - the hourly run works them out
        logger.warning("Recompute of management information not queued (%s).", type(error).__name__)


class RegisterView(RegisterMixin, SortedListMixin, ListView):
    """U2: the entries by Veiligheidshuis, then kind and name, unless a column is asked; a filter
    by Veiligheidshuis and by kind of file that stays set; counted and paged. Each entry of the
    page is built from its file (`register.entry_of`)."""

    template_name = "insights/register.html"
    paginate_by = PAGE_SIZE
    context_object_name = "files"
    sorts = {
        "region": ("veiligheidshuis__name", "kind", "name"),
        "name": ("name",),
        "kind": ("kind", "veiligheidshuis__name", "name"),
    }
    default_sort = "region"

    def filters(self) -> dict:
        query = self.request.GET
        kind = query.get("kind", "")
        region = query.get("region", "")
        return {
            "kind": kind if kind in FileKind.values else "",
            "region": region if region in {str(r.pk) for r in self.regions} else "",
        }

    @cached_property
    def regions(self) -> list:
        """The Veiligheidshuizen of the files the user sees (the filter's choices), read once."""
        files = register_files(self.request.user)
        return list(
            Veiligheidshuis.objects.filter(pk__in=files.values("veiligheidshuis")).order_by("name")
        )

    def get_queryset(self):
        files = register.with_parties(register_files(self.request.user))
        filters = self.filters()
        if filters["kind"]:
            files = files.filter(kind=filters["kind"])
        if filters["region"]:
            files = files.filter(veiligheidshuis_id=filters["region"])
        return self.sorted(files)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            entries=register.entries_of(context["files"]),
            filters=self.filters(),
            kinds=FileKind.choices,
            regions=self.regions,
        )
        return context


class ProcessingActivityView(RegisterMixin, TemplateView):
    """One entry of the register: the URI the Logboek Dataverwerkingen export names (S2)."""

    template_name = "insights/processing_activity.html"

    def get_context_data(self, **kwargs):
        data_file = get_object_or_404(register_files(self.request.user), pk=self.kwargs["pk"])
        return super().get_context_data(entry=register.entry_of(data_file), **kwargs)


class RegisterExportView(RegisterMixin, TemplateView):
    suffix = "csv"

    def get(self, request):
        entries = register.entries(register_files(request.user))
        if self.suffix == "pdf":
            response = HttpResponse(register.register_pdf(entries), content_type="application/pdf")
        else:
            response = HttpResponse(
                register.register_csv(entries), content_type="text/csv; charset=utf-8"
            )
        name = f"verwerkingsregister.{self.suffix}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
