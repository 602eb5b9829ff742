"""Beat tasks of the subject's rights: reminders of postponements and request deadlines."""

from rights.tasks import duties  # noqa: F401
from rights.tasks.requests import remind_request_deadlines

__all__ = ["remind_request_deadlines"]
