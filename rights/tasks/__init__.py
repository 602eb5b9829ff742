"""Beat tasks of the subject's rights: reminders of postponements and request deadlines."""
