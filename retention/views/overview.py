"""The keeper's retention overview (B2-B6, O3): what falls due in the next four weeks, the
dossiers a sweep failed on, the holds in force, the reactivations, the recent sweeps with
their destruction reports, and the terms of every file the user keeps. Numbers, no names.

The list of what falls due is the page's main list (U2): it sorts by its columns, filters by
action and file (kept in the session, `config.pages.SortedListMixin`), counts and pages with
`?page=`. The other lists are short and keep one stated order, each with its own pages."""

import contextlib

from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from config.pages import SortedListMixin
from parties.permissions import kept_files
from retention.constants import Action
from retention.forms import FindDossierForm
from retention.models import Reactivation, SweepRun
from retention.permissions import kept_rows
from retention.selectors import (
    DUE_DEFAULT_SORT,
    DUE_SORTS,
    due_for,
    failed_for,
    filter_due,
    holds_for,
    sort_due,
)
from retention.terms import describe, terms_by_file
from retention.views.common import KeeperMixin, section


def report_links(run) -> dict:
    """The destruction reports of a sweep, where the report pages exist."""
    links = {}
    for kind in ("pdf", "csv"):
        with contextlib.suppress(NoReverseMatch):
            links[kind] = reverse(f"retention:destruction-report-{kind}", args=[run.pk])
    return links


class OverviewView(KeeperMixin, SortedListMixin, TemplateView):
    template_name = "retention/overview.html"
    sorts = DUE_SORTS
    default_sort = DUE_DEFAULT_SORT
    page_params = ("page", "holds", "reactivations", "sweeps")

    def due_filters(self, files) -> dict:
        """The action and the file asked for; anything else is no filter."""
        query = self.request.GET
        action = query.get("action", "")
        file_pk = query.get("file", "")
        kept = {str(data_file.pk): data_file.pk for data_file in files}
        return {
            "action": action if action in Action.values else "",
            "data_file_id": kept.get(file_pk),
        }

    def get_context_data(self, **kwargs):
        user, request = self.request.user, self.request
        today = timezone.localdate()
        runs = section(request, SweepRun.objects.select_related("started_by"), "sweeps")
        for run in runs:
            run.reports = report_links(run)
        files = list(kept_files(user).select_related("veiligheidshuis"))
        terms = terms_by_file([f.pk for f in files], kinds={f.pk: f.kind for f in files})
        for data_file in files:
            data_file.terms = terms[data_file.pk]
            data_file.terms_text = describe(data_file.terms)
        filters = self.due_filters(files)
        due = sort_due(filter_due(due_for(user, as_of=today), **filters), self.sort)
        due_page = section(request, due, "page")
        reactivations = Reactivation.objects.select_related("recorded_by")
        return super().get_context_data(
            today=today,
            failed=failed_for(user),
            due=due_page,
            paginator=due_page.paginator,
            due_filters={"action": filters["action"], "file": filters["data_file_id"]},
            actions=Action.choices,
            holds=section(request, holds_for(user, as_of=today), "holds"),
            reactivations=section(request, kept_rows(user, reactivations), "reactivations"),
            runs=runs,
            files=files,
            find_form=FindDossierForm(),
            **kwargs,
        )


class FindDossierView(KeeperMixin, View):
    """A dossier by its file and number: its retention page (which checks who keeps it). A
    number that is not one is shown on the form again."""

    def get(self, request):
        form = FindDossierForm(request.GET or None)
        if not form.is_valid():
            return render(request, "retention/find.html", {"form": form})
        return redirect(
            "retention:dossier",
            file_label=form.cleaned_data["file_label"],
            key=form.cleaned_data["number"].strip(),
        )
