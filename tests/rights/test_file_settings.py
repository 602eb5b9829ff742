"""I4, R3: the beheerder keeps each file's letter contents, contact person and request term,
with a preview of the letter (a placeholder person); everyone else is refused. The grounds of
AVG 23 are a maintained list: added and retired, never deleted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rights.models import FileRightsSettings, LegalGround
from rights.services import file_settings as services
from rights.services import grounds
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.duty_fixtures import DutyWorld
from tests.rights.pdf_text import pdf_text
from tests.weegploeg.factories import PERSON

pytestmark = pytest.mark.django_db

SETTINGS = "/rechten/bestanden/"


world_built, world = per_module(lambda: DutyWorld(kennemerland(), settings=False), name="world")


def form_data(**changes):
    return {
        "request_term_days": "28",
        "processing": "Gegevens over u in het casusoverleg.",
        "categories": "Naam, adres en de afspraken in het plan.",
        "purpose": "Een gezamenlijke aanpak die overlast voorkomt.",
        "legal_basis": "Artikel 6 lid 1 sub e AVG.",
        "retention": "Vijf jaar na afsluiten.",
        "contact_name": "De heer B. Smit, ketenmanager",
        "contact_address": "Zijlweg 2\n2013 DH Haarlem",
        "contact_phone": "",
        "contact_email": "ketenmanager@vhkennemerland.nl",
        "sender": "De ketenmanager",
        **changes,
    }


def test_i4_a_file_without_settings_has_covenant_defaults_but_no_contact(world):
    shown = services.settings_for(world.ico_file)
    assert shown.pk is None
    assert "casusoverleg" in shown.processing and "ketenmanager" in shown.sender
    assert "Autoriteit" not in shown.purpose  # the rights are in the letter itself
    weegploeg = services.settings_for(world.weegploeg_file)
    assert "signalen" in weegploeg.categories
    assert "contact_name" in services.missing_for_letter(shown)


def test_i4_only_the_beheerder_reaches_the_settings_pages(world):
    urls = [
        SETTINGS,
        f"{SETTINGS}{world.ico_file.pk}/",
        f"{SETTINGS}{world.ico_file.pk}/voorbeeld/",
        "/rechten/gronden/",
    ]
    for url in urls:
        assert verified_client(world.beheerder).get(url).status_code == 200, url
        for user in (world.keeper, world.agent):
            assert verified_client(user).get(url).status_code == 403, url
    response = verified_client(world.keeper).post(f"{SETTINGS}{world.ico_file.pk}/", form_data())
    assert response.status_code == 403
    assert not FileRightsSettings.objects.exists()
    with pytest.raises(PermissionDenied):
        services.save_file_settings(world.ico_file, by=world.keeper, contact_name="X")


def test_i4_the_list_shows_every_file_and_whether_its_letter_is_complete(world):
    content = verified_client(world.beheerder).get(SETTINGS).content.decode()
    assert world.ico_file.name in content and world.weegploeg_file.name in content
    assert "Onvolledig" in content


def test_i4_r3_the_beheerder_saves_the_settings(world):
    client = verified_client(world.beheerder)
    response = client.post(f"{SETTINGS}{world.ico_file.pk}/", form_data())
    assert response.status_code == 302
    saved = FileRightsSettings.objects.get(data_file=world.ico_file)
    assert saved.request_term_days == 28 and saved.updated_by == world.beheerder
    assert saved.contact_address == "Zijlweg 2\n2013 DH Haarlem"
    assert services.missing_for_letter(saved) == []
    response = client.post(f"{SETTINGS}{world.ico_file.pk}/", form_data(request_term_days=""))
    saved.refresh_from_db()
    assert saved.request_term_days is None  # one calendar month


def test_r3_a_term_beyond_a_month_is_refused_and_the_form_keeps_what_was_typed(world):
    response = verified_client(world.beheerder).post(
        f"{SETTINGS}{world.ico_file.pk}/", form_data(request_term_days="45")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "ketenmanager@vhkennemerland.nl" in content and "1 tot 31 dagen" in content
    assert not FileRightsSettings.objects.exists()
    world.beheerder.is_verified = lambda: True  # signed in with both factors
    with pytest.raises(ValidationError):
        services.save_file_settings(world.ico_file, by=world.beheerder, request_term_days=0)


def test_i4_the_preview_shows_what_was_typed_with_a_placeholder_person(world):
    response = verified_client(world.beheerder).post(
        f"{SETTINGS}{world.ico_file.pk}/", {**form_data(), "preview": "1"}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Een gezamenlijke aanpak die overlast voorkomt." in text
    assert "ketenmanager@vhkennemerland.nl" in text and "Zijlweg 2" in text
    assert "[Naam van de betrokkene]" in text
    assert PERSON["surname"] not in text
    assert not FileRightsSettings.objects.exists()  # a preview saves nothing


def test_i4_the_saved_preview_of_a_file_with_defaults(world):
    response = verified_client(world.beheerder).get(
        f"{SETTINGS}{world.weegploeg_file.pk}/voorbeeld/"
    )
    text = pdf_text(response.content)
    assert "weegploeg" in text.lower() and "Autoriteit Persoonsgegevens" in text


def test_i2_r5_the_beheerder_adds_and_retires_grounds_and_never_deletes_one(world):
    client = verified_client(world.beheerder)
    response = client.post(
        "/rechten/gronden/", {"label": "een nieuwe grond", "article": "UAVG 41(1)(k)"}
    )
    assert response.status_code == 302
    added = LegalGround.objects.get(article="UAVG 41(1)(k)")
    assert added.active
    client.post(f"/rechten/gronden/{added.pk}/in-gebruik/", {"active": "0"})
    added.refresh_from_db()
    assert not added.active
    assert not LegalGround.objects.filter(active=True, pk=added.pk).exists()
    assert LegalGround.objects.filter(pk=added.pk).exists()
    assert (
        verified_client(world.keeper)
        .post(f"/rechten/gronden/{added.pk}/in-gebruik/", {"active": "1"})
        .status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        grounds.add_ground(label="x", article="y", by=world.keeper)


def test_i2_the_admin_never_deletes_a_ground(world):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    admin = site._registry[LegalGround]
    request = RequestFactory().get("/")
    request.user = world.beheerder
    request.user.is_verified = lambda: True  # signed in with both factors
    assert admin.has_add_permission(request)
    assert not admin.has_delete_permission(request, LegalGround.objects.first())
    request.user = world.keeper
    assert not admin.has_change_permission(request)
