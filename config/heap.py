"""Python's cyclic garbage collector in a web process (issue 13).

A full collection walks every object the process tracks. After start-up that is some 150,000
objects (Django, the models, every view, serializer and template tag), which never become
garbage, and walking them cost 70-200 ms on a slow machine: the request it fell on took that
much longer (the casusoverleggen's API list: a p95 of 200-300 ms against a median of 30).
`settle` moves them, once, into the permanent generation (`gc.freeze`), so a collection walks
only what requests made since. Nothing frozen is freed later; everything made after start-up
is collected as before."""

import gc


def settle() -> None:
    """Load the URLconf (it imports every view, serializer and form), then freeze what the
    process holds after start-up. Called once per process: by `config.wsgi`, `config.asgi`
    and the bench, which measures the server as it runs."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imported here, not on the first request
    gc.collect()
    gc.freeze()
