"""Widgets shared by the forms of every app."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe


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
        context["widget"]["options"] = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in selected else "", label)
                for key, label in self.choices
            ),
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
    option_markup = (
        '<div class="utrecht-form-field utrecht-form-field--checkbox">'
        '<div class="utrecht-form-field__input"><input type="checkbox" name="{}" value="{}"'
        ' class="utrecht-checkbox utrecht-checkbox--html-input"{}></div>'
        '<div class="utrecht-form-field__label"><label class="utrecht-form-label'
        ' utrecht-form-label--checkbox" for="{}">{}</label></div></div>'
    )

    def get_context(self, name, value, attrs):
        # Widget's context only, as LongSelect: ChoiceWidget's would build the options first.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = set(context["widget"]["value"])
        shared = context["widget"]["attrs"]

        def option(index, key, label):
            attrs = {**shared, **(self.checked_attribute if str(key) in chosen else {})}
            if "id" in attrs:
                attrs["id"] = self.id_for_label(attrs["id"], index)
            return name, str(key), flatatt(attrs), attrs.get("id", ""), label

        context["widget"]["options"] = format_html_join(
            "\n",
            self.option_markup,
            (option(index, key, label) for index, (key, label) in enumerate(self.choices)),
        )
        return context
