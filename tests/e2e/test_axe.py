"""U4: the check every browser test runs on its pages (`axe_violations`) finds each serious or
critical violation where there is one, with every node it is on, and none on a page without."""

from tests.e2e.conftest import axe_violations

PAGE = """<!doctype html><html lang="nl"><head><title>Overzicht</title></head>
<body><main><h1>Overzicht</h1>{}</main></body></html>"""
CLEAN = '<img src="data:," alt="Logo">'
BROKEN = '<img src="data:," id="first"><img src="data:," id="second"><button id="third"></button>'


def test_u4_axe_finds_every_node_of_a_violation_and_nothing_on_a_clean_page(browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content(PAGE.format(CLEAN))
        assert axe_violations(page) == []

        page.set_content(PAGE.format(BROKEN))
        found = {violation["id"]: violation for violation in axe_violations(page)}
        assert found["image-alt"]["impact"] == "critical"
        assert found["image-alt"]["nodes"] == [["#first"], ["#second"]]
        assert found["button-name"]["nodes"] == [["#third"]]
    finally:
        context.close()
