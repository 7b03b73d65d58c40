"""Playwright in Debian's Chromium, as a pytest plugin: the browser, pages, skipping and failure artifacts.

Knows nothing of Django, so that a plain pytest run can load it too (tests/browser/test_artifacts.py
runs a failing scenario through it in a separate pytest process). tests/browser/conftest.py adds the
live server and the users.

- Tests marked `browser` are skipped, with one reason, when Chromium is not installed; with
  REQUIRE_BROWSER=1 (CI) they fail instead.
- Playwright's own browser download is not used: Debian's /usr/bin/chromium (apt-get install -y
  chromium fonts-noto-cjk) runs with the flags a closed network needs.
- When a test fails, a screenshot and the HTML of each of its pages are saved in
  test-artifacts/browser/<test name>/ (BROWSER_ARTIFACTS_DIR overrides the parent directory).
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous: the admin's first page loads every script through Django's static handler, on two cores
# that other test runs share.
TIMEOUT_MS = int(os.environ.get("BROWSER_TIMEOUT_MS", "20000"))
VIEWPORT = {"width": 1400, "height": 1000}
INSTALL_HINT = "apt-get install -y chromium fonts-noto-cjk"

PAGES = pytest.StashKey[list]()


def browser_required():
    return os.environ.get("REQUIRE_BROWSER", "") == "1"


def missing_browser():
    """Why the browser tests cannot run here, or None when they can."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing ({INSTALL_HINT})"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    return None


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items:
        return
    # Last: while Playwright's sync API is open, its event loop counts as running in the main
    # thread, which Django's async-safety check and asyncio.run() in other tests would trip on.
    others = [item for item in items if not item.get_closest_marker("browser")]
    items[:] = others + browser_items
    reason = missing_browser()
    if reason and not browser_required():
        skip = pytest.mark.skip(reason=f"browser tests skipped: {reason}")
        for item in browser_items:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    reason = missing_browser()
    if reason:  # only reached with REQUIRE_BROWSER=1: otherwise the tests were skipped
        pytest.fail(f"REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}", pytrace=False)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    # Playwright's sync API keeps an event loop marked as running in this thread; Django then
    # refuses ORM calls from the test itself (SynchronousOnlyOperation) unless told it is safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, request):
    """Opens a page in a fresh browser context (its own cookies: one per user)."""
    contexts = []
    pages = request.node.stash.setdefault(PAGES, [])

    def open_page(**context_options):
        context = browser.new_context(viewport=VIEWPORT, **context_options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS * 2)
        pages.append(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# --- Failure artifacts -----------------------------------------------------------------------


def artifacts_root(config):
    configured = os.environ.get("BROWSER_ARTIFACTS_DIR")
    return Path(configured) if configured else config.rootpath / "test-artifacts" / "browser"


def artifact_dir(item):
    return artifacts_root(item.config) / re.sub(r"[^\w.-]+", "_", item.name).strip("_")


def save_page_artifacts(pages, directory):
    """A full-page screenshot and the HTML of each page, as page-1.png and page-1.html, ...

    Returns the files written and a note for each one that could not be (a crashed page must not
    hide the failure that is being reported).
    """
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    written, problems = [], []
    for number, page in enumerate(pages, start=1):
        if page.is_closed():
            problems.append(f"page {number} was already closed")
            continue
        screenshot, html = directory / f"page-{number}.png", directory / f"page-{number}.html"
        try:
            page.screenshot(path=screenshot, full_page=True, timeout=TIMEOUT_MS)
            written.append(screenshot)
        except Exception as error:  # reported beside the real failure
            problems.append(f"page {number}: no screenshot ({error})")
        try:
            html.write_text(f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8")
            written.append(html)
        except Exception as error:
            problems.append(f"page {number}: no HTML ({error})")
    return written, problems


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    pages = item.stash.get(PAGES, [])
    if pages and report.failed and report.when in ("setup", "call"):
        written, problems = save_page_artifacts(pages, artifact_dir(item))
        lines = [str(path) for path in written] + problems
        report.sections.append(("browser artifacts", "\n".join(lines)))
    elif pages and report.passed and report.when == "call":
        shutil.rmtree(artifact_dir(item), ignore_errors=True)  # what an earlier failure left
    return report
