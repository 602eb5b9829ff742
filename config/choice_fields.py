"""Form fields shared by the forms of every app."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.choices import BaseChoiceIterator

from subjects.models import full_name_of


class ChoicePairs(BaseChoiceIterator):
    """Choices already in the form Django normalizes them to, (key, label) pairs: set as a
    list, Django walks all of them twice more (for the field and its widget), 6-10 ms for the
    1,900 users of the access log's filter at national scale (issue 13); a choice iterator it
    takes as it is."""

    def __init__(self, pairs: list):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)


class _RowIterator(ModelChoiceIterator):
    """The choices of a `RowChoiceField` or `RowMultipleChoiceField`: the pk and the columns of
    the label, as rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, *values in self.queryset.values_list("pk", *self.field.label_columns):
            yield (pk, self.field.label_from_row(*values))


class RowChoiceField(forms.ModelChoiceField):
    """One of hundreds of rows to choose, such as the users an uitvoerder may designate (914 for
    a Veiligheidshuis at national scale): the choices read as rows of the columns their label
    needs (`label_columns`, lookups allowed), not as model instances (issue 13: 25 ms for the
    designation form's users). What is chosen is checked against, and given as, a whole row
    of the queryset, as `ModelChoiceField` does."""

    iterator = _RowIterator
    label_columns: tuple[str, ...] = ()

    def label_from_row(self, *values) -> str:
        """The label of a choice from its `label_columns`, in their order."""
        raise NotImplementedError


class RowMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Any number of hundreds of rows to choose, their choices read as rows
    (`RowChoiceField`)."""

    iterator = _RowIterator
    label_columns: tuple[str, ...] = ()

    def label_from_row(self, *values) -> str:
        """The label of a choice from its `label_columns`, in their order."""
        raise NotImplementedError


class DossierChoiceField(RowMultipleChoiceField):
    """Dossiers to choose, such as the cases or assessments a meeting puts on its agenda, each
    as "number – name", read as rows of the columns of that label: the 703 active cases of a
    Veiligheidshuis at national scale took 8 ms to build as model instances of those columns
    alone (issue 13). What is chosen is checked against, and given as, whole rows of the
    queryset."""

    label_columns = ("number", "given_names", "prefix", "surname")

    def label_from_row(self, number, given_names, prefix, surname) -> str:
        return f"{number} – {full_name_of(given_names, prefix, surname)}"
