"""Menu links of retention. OWNED BY THE PAGES HELPER."""

LINKS: list = []
