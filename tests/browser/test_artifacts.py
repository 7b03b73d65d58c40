"""A failing browser test leaves a screenshot and the page's HTML behind; a passing one leaves nothing."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]

INNER_TESTS = """
import pytest

pytestmark = pytest.mark.browser


def test_broken_step(page):
    page.set_content("<h1>报名表</h1><p>Before the broken step</p>")
    page.get_by_role("button", name="提交").click(timeout=500)  # there is no such button


def test_passing_step(page):
    page.set_content("<h1>报名表</h1>")
    assert page.get_by_role("heading").inner_text() == "报名表"
"""


def test_a_failing_scenario_saves_a_screenshot_and_the_html(browser, tmp_path):
    """Runs two scenarios in a separate pytest process with the browser plugin, as CI would.

    `browser` is asked for only to fail clearly when Chromium is missing under REQUIRE_BROWSER=1.
    """
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    browser: browser test\n")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["tests.browser.harness"]\n')
    (tmp_path / "test_inner.py").write_text(textwrap.dedent(INNER_TESTS))
    artifacts = tmp_path / "artifacts"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "BROWSER_ARTIFACTS_DIR": str(artifacts),
        "REQUIRE_BROWSER": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:django", "-p", "no:cacheprovider", "-q", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 failed, 1 passed" in result.stdout, result.stdout + result.stderr

    saved = artifacts / "test_broken_step"
    screenshot, html = saved / "page-1.png", saved / "page-1.html"
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 1000
    assert "Before the broken step" in html.read_text(encoding="utf-8")
    assert str(screenshot) in result.stdout  # the report says where to look
    assert not (artifacts / "test_passing_step").exists()
