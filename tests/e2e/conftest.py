"""Browser-test harness: Playwright driving Debian's Chromium (never a downloaded browser) plus axe-core.

Without Chromium the browser tests are skipped, loudly (see the summary hook below); with
INZETBAAR_REQUIRE_BROWSER=1 (CI) a missing browser fails them instead.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SKIPPED = []


def chromium_path() -> str | None:
    candidate = os.environ.get("INZETBAAR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if os.path.exists(candidate) else None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found (apt-get install -y chromium): browser tests NOT run"
        if os.environ.get("INZETBAAR_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        SKIPPED.append(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


class AccessibilityChecker:
    """Runs axe-core on the page and collects violations, so one test can report every page at once."""

    def __init__(self):
        self.axe = Axe()
        self.problems: list[str] = []
        self.pages_checked = 0

    def check(self, page, label: str = "") -> None:
        results = self.axe.run(page, options=WCAG_21_AA)
        self.pages_checked += 1
        if results.violations_count:
            self.problems.append(f"{label or page.url}:\n{results.generate_report()}")

    def assert_clean(self) -> None:
        assert self.pages_checked, "no page was checked"
        assert not self.problems, "\n\n".join(self.problems)


@pytest.fixture
def axe():
    return AccessibilityChecker()


@pytest.fixture
def demo_region(transactional_db):
    """The demo region in the live server's database.

    Browser tests need a transactional database, which is emptied after each test; the shipped regions
    are loaded again first (idempotent) instead of relying on serialized rollback, which does not see the
    connection Playwright's event loop runs beside.
    """
    from inzetbaar.core.models import LabourMarketRegion, Municipality
    from inzetbaar.core.regions import sync_regions
    from inzetbaar.demo.generator import generate_demo

    sync_regions(LabourMarketRegion, Municipality)
    return generate_demo(seed=2026)


def log_in(page, email: str, password: str) -> None:
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter):
    if SKIPPED:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(f"!! BROWSER TESTS SKIPPED: {SKIPPED[0]}", red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)
