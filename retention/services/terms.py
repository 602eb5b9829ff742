"""Recording a file's retention terms (B2-B4, C11): validated (archive before destroy) and
logged."""

from django.db import transaction

from retention.models import RetentionTerms


@transaction.atomic
def set_terms(
    data_file,
    *,
    archive_after_months: int,
    archive_from: str,
    destroy_after_months: int,
    not_agendered_destroy_after_months: int | None = None,
    by=None,
) -> RetentionTerms:
    """The terms of `data_file` from now on; a ValidationError names the field that is wrong.
    Who may is the caller's rule (`retention.permissions.may_set_terms`); the demo and the
    migration of a casusoverleg's terms call it without a person."""
    terms = RetentionTerms.objects.filter(data_file=data_file).first() or RetentionTerms(
        data_file=data_file
    )
    terms.archive_after_months = archive_after_months
    terms.archive_from = archive_from
    terms.destroy_after_months = destroy_after_months
    terms.not_agendered_destroy_after_months = not_agendered_destroy_after_months
    terms.updated_by = by
    terms.full_clean()
    terms.save()
    return terms
