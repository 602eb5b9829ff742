"""A many-to-many shown by the API as the related rows' pks, read for a whole page of a list in
one query of the link table (issue 13).

Prefetching the relation made a model instance of every related row, which the API only asked
its pk: for the casusoverleggen's list some 1,000 parties a page. Django's prefetch ties each
row to its related queryset in a reference cycle, so all of them stayed in memory until one of
Python's full collections, which then took 40-200 ms of the request it fell on."""

from django.utils.text import capfirst
from rest_framework import serializers


def related_pks(objects, field_name: str) -> dict:
    """The pks each of `objects` (model instances of one model) relates to through its
    many-to-many `field_name`, by the object's pk, in the related model's order as a prefetch
    gives them (its `Meta.ordering`, field names only; ties by pk); an object without related
    rows has an empty list."""
    objects = list(objects)
    found: dict = {item.pk: [] for item in objects}
    if not objects:
        return found
    field = type(objects[0])._meta.get_field(field_name)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    order = []
    for name in field.related_model._meta.ordering:
        descending = name.startswith("-")
        order.append(f"{'-' if descending else ''}{target}__{name.lstrip('-')}")
    rows = (
        field.remote_field.through.objects.filter(**{f"{source}__in": list(found)})
        .order_by(*order, f"{target}_id")
        .values_list(f"{source}_id", f"{target}_id")
    )
    for owner, related in rows:
        found[owner].append(related)
    return found


class PagePksField(serializers.ManyRelatedField):
    """A many-to-many as its pks, as a ModelSerializer shows it (the same schema), taken from
    the serializer's context when the view read them for its page (`context["page_pks"]`:
    the field's name to a `related_pks` result); otherwise through the relation."""

    def __init__(self, model, name: str, **kwargs):
        """The field `name` of `model`, with the label and emptiness a ModelSerializer gives."""
        field = model._meta.get_field(name)
        kwargs.setdefault("label", capfirst(field.verbose_name))
        if field.blank:
            kwargs.setdefault("required", False)
        else:
            kwargs.setdefault("allow_empty", False)
        child = serializers.PrimaryKeyRelatedField(
            queryset=field.related_model._default_manager.all(),
            label=kwargs["label"],
            allow_empty=kwargs.get("allow_empty", True),
        )
        super().__init__(child_relation=child, **kwargs)

    def get_attribute(self, instance):
        page = self.context.get("page_pks", {}).get(self.field_name)
        if page is not None and instance.pk in page:
            return page[instance.pk]
        return super().get_attribute(instance)

    def to_representation(self, iterable):
        return [
            value if isinstance(value, int) else self.child_relation.to_representation(value)
            for value in iterable
        ]
