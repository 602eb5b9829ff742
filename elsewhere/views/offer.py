"""K1: "bekend elders?" on the pages of the files. The file apps (weegploeg, cases) show the
offer on their pages and post to their own views, which call `ask`; elsewhere imports none of
them. One rule decides both the button and the POST: `elsewhere.selectors.check_refusal`."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from elsewhere import selectors, services
from parties.models import DataFile
from parties.permissions import is_file_keeper
from subjects.registry import Identity


@dataclass(frozen=True)
class Offer:
    """What a file's page shows its keeper: the button (`refusal` None), or why the check is
    not offered for this file."""

    data_file: DataFile
    url: str  # where the button posts
    refusal: str | None
    label: str = ""  # a button's own label, when a page offers several (one per file)


def offer(user, data_file: DataFile | None, *, url: str, label: str = "") -> Offer | None:
    """The offer for `data_file`, or None for anyone who does not keep the file: they see
    nothing of the check, not even why it is not offered."""
    if data_file is None or not is_file_keeper(user, data_file):
        return None
    return Offer(data_file, url, selectors.check_refusal(user, data_file), label)


def refusal_for(user, data_file: DataFile) -> str | None:
    """Why `user` may not check from `data_file` now (the same rule as the button); raises
    Http404 for whoever does not keep the file, who is not told the file exists."""
    if not is_file_keeper(user, data_file):
        raise Http404
    return selectors.check_refusal(user, data_file)


def refused(request, reason: str, *, back: str):
    """The answer to a check that was not allowed: 403 with the reason and the way back."""
    return render(request, "elsewhere/refused.html", {"reason": reason, "back": back}, status=403)


def ask(request, identity: Identity, data_file: DataFile, *, back: str):
    """Check `identity` from `data_file` for the request's user and show the result; refused
    (no basis, not the keeper) with 404 or 403 and the reason."""
    reason = refusal_for(request.user, data_file)
    if reason is not None:
        return refused(request, reason, back=back)
    try:
        done = services.check(identity, by=request.user, data_file=data_file)
    except PermissionDenied as denied:
        return refused(request, str(denied) or _("The check is not allowed."), back=back)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    return redirect("elsewhere:check-detail", pk=done.pk)
