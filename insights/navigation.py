"""Menu links of management information."""

from parties.navigation import Link

LINKS: list[Link] = []
