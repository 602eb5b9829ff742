"""Pages of "bekend elders?" (K1): the uitvoerder's checks and their answers, and the
beheerder's legal basis per file. The buttons on the files' pages are the file apps' own, over
`elsewhere.views.offer`."""

from elsewhere.views.basis import BasisEditView, BasisListView, BasisRemoveView
from elsewhere.views.checks import CheckDetailView, CheckListView

__all__ = [
    "BasisEditView",
    "BasisListView",
    "BasisRemoveView",
    "CheckDetailView",
    "CheckListView",
]
