"""Every page the demo users reach by following links answers and is axe-clean (WCAG 2.1 AA).

The menu test (test_roles) checks each role's menu and home tasks; this one walks on from there,
breadth first, through every link inside the app (each account each view once), and checks each
view (URL name) with axe once, whoever reaches it first. Downloads (CSV, Excel, PDF, calendar) are
checked elsewhere for their content.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from inzetbaar.demo.generator import DEMO_ACCOUNTS

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_region")]

NOT_PAGES = ("csv", "xlsx", "pdf", "calendar", "campaign_links")  # URL names of downloads
OUTSIDE = ("/beheer/", "/static/", "/account/", "/i18n/")  # the admin, assets, sign-in and language
DEPTH = 6


def view_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    return None if any(word in name for word in NOT_PAGES) else name


def test_every_linked_page_answers_and_is_accessible(page, axe):
    checked: dict[str, str] = {}
    for account in DEMO_ACCOUNTS:
        if account.email.startswith("admin@"):
            continue  # the platform admin's pages are Django's admin
        log_in(page, account.email, settings.DEMO_PASSWORD)
        # Each account opens each view once (its pages differ by role), axe checks each view once.
        seen, frontier, views = {"/"}, ["/"], {"home"}
        for _ in range(DEPTH):
            found = []
            for path in frontier:
                response = page.goto(path)
                assert response.status == 200, f"{account.email}: {path} answered {response.status}"
                name = view_name(path)
                if name and name not in checked:
                    checked[name] = path
                    axe.check(page, f"{path} ({name}) as {account.email}")
                for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                    link = urlsplit(href)
                    if link.netloc != urlsplit(page.url).netloc or link.path.startswith(OUTSIDE):
                        continue
                    name = view_name(link.path)
                    if link.path not in seen and name is not None and name not in views:
                        seen.add(link.path)
                        views.add(name)
                        found.append(link.path)
            frontier = found
        page.goto("/")
        page.get_by_role("button", name="Uitloggen").click()
    assert len(checked) >= 70, sorted(checked)
    axe.assert_clean()
