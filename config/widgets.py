"""Widgets shared by the forms of every app."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def _text(value) -> str:
    """`value` escaped as Django's `conditional_escape` escapes it (its `escape` is the
    standard library's `html.escape`; markup already safe is kept), without the cost of a call
    through Django's lazy and safe-string wrappers for each of a thousand options (issue 13)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


class LongSelect(forms.Select):
    """A select of hundreds or thousands of options, such as the access log's filter of users
    (912 at national scale for one Veiligheidshuis; issue 13). Its options are joined in one
    pass in Python instead of a template each, which costs about 50 µs an option; the markup is
    that of `django/forms/widgets/select.html` without option groups."""

    template_name = "django/forms/widgets/long_select.html"

    def get_context(self, name, value, attrs):
        # Widget's context only: ChoiceWidget's would build a dict per option first.
        context = forms.Widget.get_context(self, name, value, attrs)
        selected = set(context["widget"]["value"])
        context["widget"]["options"] = mark_safe(  # noqa: S308 - every part escaped by _text
            "\n".join(
                f'<option value="{_text(key)}"{" selected" if str(key) in selected else ""}>'
                f"{_text(label)}</option>"
                for key, label in self.choices
            )
        )
        return context


class LongCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes of hundreds of choices, such as the dossiers a meeting can put on its agenda
    (1,200 open assessments of a Veiligheidshuis at national scale; issue 13): the options of
    Django's `CheckboxSelectMultiple` (their ids, `checked`, attributes), their markup joined in
    one pass from the choices, without a dict per option (`optgroups`) or a template each.
    `templates/includes/form.html` shows it in the same fieldset, with the same markup, as a
    plain `CheckboxSelectMultiple` (`tests/config/test_widgets.py` compares the two)."""

    template_name = "django/forms/widgets/long_checkboxes.html"

    def get_context(self, name, value, attrs):
        # Widget's context only, as LongSelect: ChoiceWidget's would build the options first.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = set(context["widget"]["value"])
        shared = context["widget"]["attrs"]
        # The attributes every box shares, rendered once: those before the id and after it
        # (each box has its own id), in Django's order, then `checked` for the chosen ones.
        keys = list(shared)
        at = keys.index("id") if "id" in shared else len(keys)
        before = flatatt({key: shared[key] for key in keys[:at]})
        after = flatatt({key: shared[key] for key in keys[at + 1 :]})
        checked = flatatt(self.checked_attribute)
        name = _text(name)

        def option(index, key, label) -> str:
            box_id = self.id_for_label(shared["id"], index) if "id" in shared else ""
            own = f' id="{_text(box_id)}"' if box_id else ""
            mark = checked if str(key) in chosen else ""
            return (
                '<div class="utrecht-form-field utrecht-form-field--checkbox">'
                f'<div class="utrecht-form-field__input"><input type="checkbox" name="{name}"'
                f' value="{_text(key)}" class="utrecht-checkbox utrecht-checkbox--html-input"'
                f"{before}{own}{after}{mark}></div>"
                '<div class="utrecht-form-field__label"><label class="utrecht-form-label'
                f' utrecht-form-label--checkbox" for="{_text(box_id)}">{_text(label)}</label>'
                "</div></div>"
            )

        context["widget"]["options"] = mark_safe(  # noqa: S308 - every part escaped by _text
            "\n".join(option(index, key, label) for index, (key, label) in enumerate(self.choices))
        )
        return context
