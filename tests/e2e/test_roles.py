"""Each demo role signs in, reaches its home page and every page its menu offers, with no WCAG 2.1 AA
violation on any of them; lockout and the language switch work in a real browser."""

import pytest
from django.conf import settings

from inzetbaar.demo.generator import DEMO_ACCOUNTS

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_region")]


def test_every_demo_role_reaches_its_home_and_menu_pages(page, axe):
    page.goto("/account/inloggen/")
    axe.check(page, "login page")
    for account in DEMO_ACCOUNTS:
        log_in(page, account.email, settings.DEMO_PASSWORD)
        assert page.url.endswith("/"), f"{account.email} did not land on home: {page.url}"
        assert page.get_by_role("heading", level=1).inner_text().startswith("Welkom")
        axe.check(page, f"home of {account.email}")
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        targets = [link.get_attribute("href") for link in menu.get_by_role("link").all()]
        for target in targets:
            if target.startswith("/beheer/"):
                continue  # Django's own admin: reached in test_platform_admin_reaches_admin
            page.goto(target)
            assert page.title() and "Niet gevonden" not in page.title(), f"{account.email}: {target}"
            axe.check(page, f"{target} as {account.email}")
        # Every task on the home page opens.
        page.goto("/")
        for href in [a.get_attribute("href") for a in page.locator(".inz-card a").all()]:
            response = page.goto(href)
            assert response.status == 200, f"{account.email}: {href} answered {response.status}"
            axe.check(page, f"{href} as {account.email}")
        page.goto("/")
        page.get_by_role("button", name="Uitloggen").click()
        assert "/account/inloggen/" in page.url or "Uitgelogd" in page.title()
    axe.assert_clean()


def test_org_admin_adds_a_colleague_and_the_person_page_is_audited(page, axe):
    log_in(page, "beheer@zorggroep.demo", settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Iemand toevoegen").first.click()
    axe.check(page, "add person form")
    page.get_by_role("button", name="Opslaan").click()  # empty form: errors named per field
    assert page.locator(".inz-errorlist").count() >= 3
    axe.check(page, "add person form with errors")
    page.get_by_label("Naam").fill("Nina Nieuw")
    page.get_by_label("E-mailadres").fill("nina.nieuw@zorggroep.demo")
    page.get_by_label("Rol").select_option("employee")
    page.get_by_label("Onderdelen").select_option(label="— Team De Hof")
    page.get_by_label("Reden").fill("nieuwe collega")
    page.get_by_role("button", name="Opslaan").click()
    assert "Nina Nieuw heeft de rol Medewerker gekregen." in page.content()
    page.get_by_label("Naam of e-mailadres").fill("nina")
    page.get_by_role("button", name="Zoeken").click()
    axe.check(page, "members searched")
    page.get_by_role("link", name="Nina Nieuw").click()
    axe.check(page, "person page")
    page.goto("/organisaties/zorggroep-de-linde/logboek/?event=profile_viewed")
    assert page.get_by_role("cell", name="Nina Nieuw").count() >= 1
    axe.check(page, "audit log")
    axe.assert_clean()


def test_repeated_failed_logins_lock_out_in_the_browser(page, axe):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, "hr@zorggroep.demo", "not-the-password")
    assert page.get_by_role("heading", name="Tijdelijk geblokkeerd").is_visible()
    axe.check(page, "lockout page")
    log_in(page, "hr@zorggroep.demo", settings.DEMO_PASSWORD)
    assert page.get_by_role("heading", name="Tijdelijk geblokkeerd").is_visible()
    axe.assert_clean()


def test_the_interface_switches_to_english_and_back(page, axe):
    log_in(page, "medewerker@zorggroep.demo", settings.DEMO_PASSWORD)
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="My data", exact=True).is_visible()
    axe.check(page, "home in English")
    page.get_by_role("button", name="Nederlands").click()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_platform_admin_reaches_admin(page):
    log_in(page, "admin@inzetbaar.demo", settings.DEMO_PASSWORD)
    response = page.goto("/beheer/core/auditevent/")
    assert response.status == 200 and page.locator("#changelist").count() == 1
