"""U1, U3: the menu shows the pages of the subject's rights to whom the rights' own permission
rules admit, and to nobody else (parties.navigation)."""

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.weegploeg.factories import Weegploeg, beheerder_of

pytestmark = pytest.mark.django_db


def menu(user) -> str:
    page = verified_client(user).get(reverse("dashboard")).content.decode()
    return page[page.index("<nav") : page.index("</nav>")]


def test_u3_the_uitvoerder_finds_requests_and_duties_in_the_menu(region):
    html = menu(Weegploeg(region).uitvoerder)
    assert reverse("rights:request-list") in html
    assert reverse("rights:duty-list") in html
    assert reverse("rights:file-settings-list") not in html


def test_u3_a_member_without_files_sees_no_link_of_the_rights(region):
    html = menu(Weegploeg(region).raad)
    assert "/rechten/" not in html


def test_i4_the_beheerder_finds_the_letters_per_file_and_the_grounds(region):
    html = menu(beheerder_of())
    assert reverse("rights:file-settings-list") in html
    assert reverse("rights:grounds") in html
    assert reverse("rights:request-list") not in html
