"""Beat tasks of the subject's rights: reminders of postponements and request deadlines."""

from rights.tasks import duties  # noqa: F401
