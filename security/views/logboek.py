"""The Logboek Dataverwerkingen export of the access log (S2, CTER 15.1e): the overseers (FG,
uitvoerder) choose a period and download the access entries of their Veiligheidshuizen as JSON
Lines, streamed. Anyone else gets 404. The work is in `security.services.logboek`."""

from django import forms
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from parties.forms import DateInput
from security.permissions import may_oversee, overseen_regions
from security.services.logboek import export_lines


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To (included)"), widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period lies before its start."))
        return data


class LogboekView(View):
    """GET without a period: the form; with a valid period: the download; with an invalid
    one: the form again with its errors and what was typed."""

    template_name = "security/logboek/export.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_oversee(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if "start" not in request.GET and "end" not in request.GET:
            today = timezone.localdate()
            form = PeriodForm(initial={"start": today.replace(day=1), "end": today})
            return render(request, self.template_name, {"form": form})
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        lines = export_lines(
            by=request.user,
            regions=overseen_regions(request.user),
            start=start,
            end=end,
            scoped=True,
        )
        response = StreamingHttpResponse(lines, content_type="application/jsonl; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="logboek-{start.isoformat()}-{end.isoformat()}.jsonl"'
        )
        return response
