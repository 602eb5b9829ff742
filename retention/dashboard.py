"""The uitvoerder's dashboard panel of retention. OWNED BY THE PAGES HELPER."""

PANELS: list = []
