"""Make a database ready for load: migrate and seed it if asked, and sign in users of each
function the load plays (uitvoerder, politie, external partner) as the real sign-in leaves
them, with both factors verified. Run in the project's environment against `DATABASE_URL`:

    python -m tests.load.prepare --out build/load/sessions.json [--migrate] [--seed-demo]
        [--per-role 10] [--token]

Writes JSON: per role a list of session keys (one per simulated user, so no two users share
a session), the session cookie's name, and with `--token` an API token of the politie's party
(for the fault tests' API writes). A user is found by function and party, preferring the demo
user of that name, so the same command serves the demo and a national seed. No personal data
is written: session keys and numbers only."""

import argparse
import json
import os
import sys
from pathlib import Path

ROLES = ("uitvoerder", "politie", "partner")


def _setup():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def user_for(role: str):
    """An active user who plays `role`: the demo user of that name when there is one."""
    from parties.constants import AccessLevel, FileKind, Function, PartyKind, PartyRole
    from parties.models import User

    users = User.objects.filter(is_active=True, membership__ended_on__isnull=True)
    if role == "uitvoerder":
        users = users.filter(membership__functions__function=Function.UITVOERDER)
        demo = "uitvoerder"
    elif role == "politie":
        # One who records in the weegploeg: the load enters signals (a member authorised
        # read-only is offered no intake, W1).
        users = users.filter(
            membership__party__kind=PartyKind.POLITIE,
            file_authorisations__file__kind=FileKind.WEEGPLOEG,
            file_authorisations__level=AccessLevel.READWRITE,
        )
        demo = "politie"
    else:
        users = users.filter(
            membership__party__role=PartyRole.EXTERN,
            membership__party__declarations__isnull=False,
        )
        demo = "extern"
    return users.filter(username=demo).first() or users.order_by("pk").first()


def signed_in_session(user) -> str:
    """A session as the sign-in leaves it: the user authenticated and the second factor
    (a confirmed TOTP device, made when the user has none) verified."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="load", confirmed=True)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # As Django's test client signs in: the first configured backend that reads users back.
    store[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.set_expiry(settings.SESSION_COOKIE_AGE)
    store.create()
    return store.session_key


def politie_token() -> dict:
    from parties.constants import Function
    from parties.models import User
    from parties.services import grant_file_access, issue_token

    politie = user_for("politie")
    beheerder = User.objects.filter(
        is_active=True, membership__functions__function=Function.BEHEERDER
    ).first()
    token, key = issue_token(
        politie.membership.party, name="fault tests", by=beheerder, reason="issue 13"
    )
    # The partner system may read and record in the files its party's user may (P8).
    for authorisation in politie.file_authorisations.filter(ended_at__isnull=True):
        grant_file_access(
            token.account,
            file=authorisation.file,
            level=authorisation.level,
            by=None,  # as the seed does: the system
            reason="issue 13",
        )
    return {"key": key, "party": politie.membership.party.pk}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--migrate", action="store_true")
    parser.add_argument("--seed-demo", action="store_true")
    parser.add_argument("--per-role", type=int, default=1)
    parser.add_argument("--token", action="store_true")
    options = parser.parse_args(argv)
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    from config.audit import acting_as

    if options.migrate:
        call_command("migrate", verbosity=0, interactive=False)
    if options.seed_demo:
        with acting_as(None, system_name="seed_demo"):
            from parties import demo

            demo.seed()
    prepared: dict = {"cookie": settings.SESSION_COOKIE_NAME, "roles": {}}
    for role in ROLES:
        user = user_for(role)
        if user is None:
            raise SystemExit(f"no user to play {role}")
        sessions = [signed_in_session(user) for _ in range(options.per_role)]
        prepared["roles"][role] = sessions
    if options.token:
        prepared["token"] = politie_token()
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(prepared))


if __name__ == "__main__":
    main()
