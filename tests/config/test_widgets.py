"""Issue 13: `config.widgets.LongSelect` renders its options in one pass (the access log's filter
of 900 users at national scale cost 60 ms in Django's template per option), and offers, marks
and escapes exactly what Django's `Select` does."""

from html.parser import HTMLParser

from django import forms
from django.utils.safestring import mark_safe

from config.widgets import LongCheckboxSelectMultiple, LongSelect

# A name is text, escaped; markup already safe (a label built with format_html) is kept, as
# Django's widgets keep it.
CHOICES = [
    ("", "Alle"),
    ("7", "Jansen (Politie)"),
    ("12", 'De <b>"Vries"</b> & co'),
    ("3", "Ö"),
    ("9", mark_safe("<em>Veilig</em>")),
]


class Options(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self.select = [], {}

    def handle_starttag(self, tag, attrs):
        if tag == "select":
            self.select = dict(attrs)
        if tag == "option":
            self.found.append([dict(attrs), ""])

    def handle_data(self, data):
        if self.found:
            self.found[-1][1] += data.strip()


def options(html: str) -> tuple[dict, list]:
    parser = Options()
    parser.feed(html)
    return parser.select, [
        (attrs["value"], label, "selected" in attrs) for attrs, label in parser.found
    ]


def test_issue13_a_long_select_offers_what_djangos_select_offers():
    for value in (None, "", "12", "missing"):
        long = LongSelect(choices=CHOICES, attrs={"id": "id_user"}).render("user", value)
        plain = forms.Select(choices=CHOICES, attrs={"id": "id_user"}).render("user", value)
        assert options(long) == options(plain), value
        assert "<b>" not in long and "&lt;b&gt;" in long  # a name is text, not markup
    select, found = options(LongSelect(choices=CHOICES).render("user", "12"))
    assert [row for row in found if row[2]] == [("12", 'De <b>"Vries"</b> & co', True)]
    assert select["class"] == "utrecht-select utrecht-select--html-select"


def test_issue13_s2_the_access_logs_filters_render_their_options_in_one_pass():
    from security.forms.access_log import AccessLogFilterForm

    for name in ("user", "party", "data_file"):
        assert isinstance(AccessLogFilterForm.base_fields[name].widget, LongSelect), name


class Checkboxes(HTMLParser):
    """The checkboxes of a form as (name, value, id, checked) and the labels as (for, text)."""

    def __init__(self):
        super().__init__()
        self.boxes, self.labels, self.fieldsets = [], [], 0
        self._label = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset":
            self.fieldsets += 1
        if tag == "input" and attrs.get("type") == "checkbox":
            self.boxes.append((attrs["name"], attrs["value"], attrs["id"], "checked" in attrs))
        if tag == "label":
            self._label = [attrs.get("for"), ""]
            self.labels.append(self._label)

    def handle_data(self, data):
        if self._label is not None:
            self._label[1] += data.strip()

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None


def _rendered(widget, data) -> Checkboxes:
    from django.template.loader import get_template

    class Agenda(forms.Form):
        chosen = forms.MultipleChoiceField(label="Op de agenda", choices=CHOICES[1:], widget=widget)

    parser = Checkboxes()
    parser.feed(get_template("includes/form.html").render({"form": Agenda(data)}))
    return parser


def test_issue13_long_checkboxes_offer_what_djangos_checkboxes_offer():
    for data in (None, {"chosen": ["12"]}, {"chosen": ["7", "3"]}):
        long = _rendered(LongCheckboxSelectMultiple, data)
        plain = _rendered(forms.CheckboxSelectMultiple, data)
        assert (long.boxes, long.labels, long.fieldsets) == (
            plain.boxes,
            plain.labels,
            plain.fieldsets,
        ), data
        assert long.boxes and long.fieldsets == 1
    boxes = _rendered(LongCheckboxSelectMultiple, {"chosen": ["12"]}).boxes
    assert [box for box in boxes if box[3]] == [("chosen", "12", "id_chosen_1", True)]
