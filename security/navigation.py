"""Menu links of oversight, each with the rule (in `security.permissions`) that shows it."""

from parties.navigation import Link

LINKS: list[Link] = []
