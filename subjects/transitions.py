"""Status changes, written down once (ARCHITECTURE: "Status changes go through one transition
table per file"; STYLE 2).

Each file writes its allowed status changes as a table of `Transition` rows in its own
`transitions.py` (`weegploeg/transitions.py`, `cases/transitions.py`): from which status to which,
the guard that must hold, and the message shown when it does not. `Workflow.transition(obj, to,
by=...)` checks the row and its guard, sets the status and saves. No other module assigns a
status: `tests/subjects/test_transitions.py` walks the project's code and fails on one that does.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CODE = "transition_refused"


def always(obj) -> bool:
    return True


@dataclass(frozen=True)
class Transition:
    """One allowed change: from `source` to `target`, when `guard(obj)` holds; `refusal` says
    why not (in Dutch, through gettext). `by_system`: also without a person, as the retention
    sweep archives a dossier; every other change is made by someone."""

    source: str
    target: str
    guard: Callable[[Any], bool] = always
    refusal: str | Promise = ""
    by_system: bool = False


class Workflow:
    """The status table of one model."""

    def __init__(
        self,
        *,
        model,
        transitions: Iterable[Transition],
        not_from: dict[str, str | Promise] | None = None,
        field: str = "status",
        error_field: str | None = None,
    ):
        """`not_from` gives, per target, the message for an object whose status allows no change
        to that target; `error_field` keys the errors (a form or API field), else they are not
        tied to a field."""
        self.model = model
        self.field = field
        self.error_field = error_field
        self.not_from = dict(not_from or {})
        self.transitions: dict[tuple[str, str], Transition] = {}
        choices = set(model._meta.get_field(field).get_choices(include_blank=False))
        values = {value for value, _label in choices}
        for row in transitions:
            key = (str(row.source), str(row.target))
            if key in self.transitions:
                raise ValueError(f"{model.__name__}: {key} is written twice.")
            if not {row.source, row.target} <= values:
                raise ValueError(f"{model.__name__}: {key} names an unknown status.")
            self.transitions[key] = row

    def _label(self, value: str) -> str:
        choices = dict(self.model._meta.get_field(self.field).choices)
        return str(choices.get(value, value))

    def _refuse(self, message, params=None):
        error = ValidationError(message, code=CODE, params=params)
        raise ValidationError({self.error_field: [error]}) if self.error_field else error

    def row(self, obj, to: str) -> Transition:
        """The table's row for changing `obj` to `to`, or a refusal (ValidationError)."""
        source = getattr(obj, self.field)
        row = self.transitions.get((str(source), str(to)))
        if row is None:
            self._refuse(
                self.not_from.get(
                    str(to), _("The status cannot change from “%(source)s” to “%(target)s”.")
                ),
                {"source": self._label(source), "target": self._label(to)},
            )
        return row

    def allowed(self, obj, to: str) -> bool:
        """True when the change is in the table and its guard holds now."""
        row = self.transitions.get((str(getattr(obj, self.field)), str(to)))
        return row is not None and row.guard(obj)

    def transition(self, obj, to: str, *, by) -> Any:
        """Check the change against the table and its guard, set the status and save it."""
        row = self.row(obj, to)
        if by is None and not row.by_system:
            raise PermissionDenied
        if not row.guard(obj):
            self._refuse(row.refusal or _("This status change is not allowed now."))
        setattr(obj, self.field, row.target)
        obj.save(update_fields=[self.field])
        return obj
