"""Pages of the authorisation reviews (P4, CTER 15.1f) and the suspended accounts. Thin: who
may is `security.permissions` (404 for everyone else), what happens is the services'."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from config.api_input import as_id
from config.pages import PAGE_SIZE, add_service_errors
from parties.constants import Function
from parties.models import Party
from security.forms.reviews import ReinstateForm, ReviewForm
from security.models import AccountSuspension, AuthorisationReview, ReviewDecision
from security.permissions import (
    may_reinstate,
    may_review,
    may_see_review,
    may_see_suspensions,
)
from security.services import authorisation_reviews as reviews
from security.services import suspensions

STATES = ("open", "overdue", "signed_off")


def state_choices():
    return [("open", _("Open")), ("overdue", _("Overdue")), ("signed_off", _("Signed off"))]


def _review_or_404(user, pk) -> AuthorisationReview:
    review = reviews.visible_reviews(user).filter(pk=pk).first()
    if review is None:
        raise Http404
    return review


class ReviewListView(View):
    def get(self, request):
        if not may_see_review(request.user):
            raise Http404
        found = reviews.visible_reviews(request.user)
        state = request.GET.get("state", "")
        party = request.GET.get("party", "")
        if state in STATES:
            found = reviews.filter_state(found, state)
        else:
            state = ""
        if as_id(party):
            found = found.filter(party_id=as_id(party))
        else:
            party = ""
        page = Paginator(found.order_by("-period_start", "party__name", "pk"), PAGE_SIZE)
        page_obj = page.get_page(request.GET.get("page"))
        today = timezone.localdate()
        parties = Party.objects.filter(
            pk__in=reviews.visible_reviews(request.user).values("party")
        ).only("pk", "name")
        return render(
            request,
            "security/reviews/list.html",
            {
                "page_obj": page_obj,
                "is_paginated": page_obj.has_other_pages(),
                "rows": [(review, reviews.state_of(review, today)) for review in page_obj],
                "filters": {"state": state, "party": party},
                "states": state_choices(),
                "parties": parties,
            },
        )


def _items(form, rows, by):
    """The rows of the review page: per user, each function and authorisation with its fields."""
    shown = []
    for row in rows:
        items = []
        for grant in row.functions:
            key = reviews.function_key(grant)
            items.append(
                {
                    "key": key,
                    "kind": _("Function"),
                    "label": Function(grant.function).label,
                    "decision": form[f"decision_{key}"],
                    "reason": form[f"reason_{key}"],
                }
            )
        for authorisation in row.authorisations:
            key = reviews.authorisation_key(authorisation)
            items.append(
                {
                    "key": key,
                    "kind": _("File"),
                    "label": f"{authorisation.file.name} ({authorisation.get_level_display()})",
                    "decision": form[f"decision_{key}"],
                    "reason": form[f"reason_{key}"],
                }
            )
        shown.append({"row": row, "items": items, "is_self": row.user.pk == by.pk})
    return shown


class ReviewDetailView(View):
    """The one screen of a review: the party's users and their rights; the reviewer marks each
    keep or revoke, checks the summary and signs off."""

    def dispatch(self, request, *args, **kwargs):
        self.review = _review_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def context(self, form=None, **extra):
        review = self.review
        data = {
            "review": review,
            "state": reviews.state_of(review),
            "window": reviews.reads_window(review),
            "may_sign_off": may_review(self.request.user) and not review.is_signed_off,
            **extra,
        }
        if review.is_signed_off:
            data["decided"] = review.items.select_related("user", "authorisation__file")
            return data
        rows = reviews.review_rows(review)
        form = form or ReviewForm(rows=rows)
        data["form"] = form
        data["users"] = _items(form, form.rows, self.request.user)
        return data

    def get(self, request, pk):
        return render(request, "security/reviews/detail.html", self.context())

    def post(self, request, pk):
        if not may_review(request.user) or self.review.is_signed_off:
            raise Http404
        rows = reviews.review_rows(self.review)
        form = ReviewForm(request.POST, rows=rows)
        if not form.is_valid():
            return render(request, "security/reviews/detail.html", self.context(form), status=400)
        if "confirm" not in request.POST:
            return self.confirm(form, rows)
        try:
            reviews.sign_off(
                self.review,
                decisions=form.decisions(),
                remarks=form.cleaned_data.get("remarks") or "",
                by=request.user,
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            form.add_service_errors(error)
            return render(request, "security/reviews/detail.html", self.context(form), status=400)
        messages.success(
            request, _("The review has been signed off and its revocations carried out.")
        )
        return redirect("security:review-detail", pk=self.review.pk)

    def confirm(self, form, rows):
        """The confirmation step: what will be revoked, the choices kept in hidden fields."""
        revoked = []
        for user in _items(form, rows, self.request.user):
            for item in user["items"]:
                if form.cleaned_data[f"decision_{item['key']}"] == ReviewDecision.REVOKE:
                    reason = form.cleaned_data[f"reason_{item['key']}"]
                    revoked.append({**item, "user": user["row"].user, "reason_text": reason})
        return render(
            self.request,
            "security/reviews/confirm.html",
            {
                "review": self.review,
                "form": form,
                "revoked": revoked,
                "kept": len(form.keys) - len(revoked),
            },
        )


class SuspensionListView(View):
    def get(self, request):
        if not may_see_suspensions(request.user):
            raise Http404
        shown = request.GET.get("state", "")
        found = AccountSuspension.objects.select_related("user__membership__party", "reinstated_by")
        if shown == "reinstated":
            found = found.filter(reinstated_at__isnull=False)
        else:
            shown = ""
            found = found.filter(reinstated_at__isnull=True)
        page_obj = Paginator(found.order_by("-since", "-pk"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "security/reviews/suspensions.html",
            {
                "page_obj": page_obj,
                "is_paginated": page_obj.has_other_pages(),
                "filters": {"state": shown},
                "may_reinstate": may_reinstate(request.user),
                "reasons": {
                    code: suspensions.reason_label(code)
                    for code in (suspensions.DORMANT_REASON, suspensions.GRACE_REASON)
                },
            },
        )


class ReinstateView(View):
    def dispatch(self, request, *args, **kwargs):
        if not may_reinstate(request.user):
            raise Http404
        self.suspension = get_object_or_404(
            AccountSuspension.objects.select_related("user"),
            pk=kwargs["pk"],
            reinstated_at__isnull=True,
        )
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(
            request=self.request,
            template_name="security/reviews/reinstate.html",
            context={"suspension": self.suspension, "form": form},
            status=status,
        )

    def get(self, request, pk):
        return self.render_form(ReinstateForm())

    def post(self, request, pk):
        form = ReinstateForm(request.POST)
        if form.is_valid():
            try:
                suspensions.reinstate(
                    self.suspension, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The account has been reinstated."))
                return redirect("security:suspensions")
        return self.render_form(form, status=400)
