import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from parties.constants import Function
from tests.demo_snapshot import seed_demo
from tests.factories import PartyFactory, kennemerland, make_user
from tests.template_database import Turn

# The `worker` fixture: a real Celery worker, for the tests whose behaviour depends on one; the
# tests kept on one process under xdist, to share a costly fixture; post_migrate's rows from a
# copy after each flush; the worlds built once per module (with the order of its tests), the
# weegploeg's among them (`wp`); and the clock standing still at one moment (`clock`).
pytest_plugins = [
    "tests.celery_worker",
    "tests.xdist_groups",
    "tests.flush_snapshot",
    "tests.module_world",
    "tests.clock",
    "tests.weegploeg.world",
]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, django_db_keepdb):
    """The test database made from the migrated template (tests/template_database.py)."""
    turn = Turn()
    if not django_db_keepdb:
        turn.take()
    return turn


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_modify_db_settings):
    django_db_modify_db_settings.give_back()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The tests make many users; a strong hash per user would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def dutch_first():
    """Every test starts in Dutch, the product's language (U4). A request with the English
    cookie leaves English active in the thread after it (`config.locale` activates the language
    of each request and Django never resets it), so a later test that reads a message outside a
    request read it in English, depending on the order the tests ran in."""
    translation.activate(settings.LANGUAGE_CODE)


def totp_now(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def verified_client(user) -> Client:
    """A client signed in with both factors, as after the real sign-in."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


@pytest.fixture
def demo_data(db):
    """The legal grounds and the demo, in the test's transaction: seeded for real by the first
    test of the process, a copy of that seed for the others (tests/demo_snapshot.py)."""
    seed_demo()
    yield
    # The rollback brings back the content types of before the copy, with their own ids.
    ContentType.objects.clear_cache()


@pytest.fixture
def region():
    return kennemerland()


@pytest.fixture
def gemeente(region):
    return PartyFactory(
        gemeente=True, name="Gemeente Haarlem", municipality_code="0392", veiligheidshuizen=[region]
    )


@pytest.fixture
def politie(region):
    return PartyFactory(name="Politie Noord-Holland", veiligheidshuizen=[region])


@pytest.fixture
def beheerder(gemeente):
    return make_user(gemeente, Function.BEHEERDER, username="beheerder")


@pytest.fixture
def deelnemer(politie):
    return make_user(politie, Function.DEELNEMER, username="agent")
