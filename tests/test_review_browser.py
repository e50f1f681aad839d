"""The review app end to end in a real browser: Debian's chromium driven by Selenium through Debian's
chromedriver (never a downloaded one). Skipped when either is missing (`.ci/run` installs them).

An editor gives a name, reviews with the keyboard, edits a claim's wording, drops a piece of evidence
and attaches another from the index search, sets a verdict with an explanation, approves, writes The One
Thing (when this claimcheck stores sections), publishes, and the published page says all of it.
Screenshots at desktop and phone widths go to output/screenshots/ (git-ignored).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.factories import REPO
from tests.review_app_fixtures import SLUG, app_settings, corpus_index, fake_checker, make_out

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = REPO / "output" / "screenshots"
DESKTOP = (1280, 1000)
PHONE = (390, 844)

pytestmark = pytest.mark.slow

webdriver = pytest.importorskip("selenium.webdriver")
if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip("Debian's chromium and chromium-driver are not installed", allow_module_level=True)

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    profile = tempfile.mkdtemp(prefix="claimcheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The review app under waitress on a free loopback port, over a freshly drafted output folder."""
    from waitress import create_server

    from claimcheck.review.app.factory import create_app

    index = corpus_index()
    out, _breakdown = make_out(tmp_path, index=index)
    settings = app_settings(out)
    app = create_app(settings, require_login=False, checker=fake_checker(settings, index))
    server: Any = create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}", out
    finally:
        server.close()
        thread.join(timeout=5)


# Select `words` inside element `arguments[0]` and let go of the mouse there.
SELECT_WORDS = """
const element = arguments[0], words = arguments[1];
const node = element.firstChild, at = node.textContent.indexOf(words);
const range = document.createRange();
range.setStart(node, at);
range.setEnd(node, at + words.length);
const selection = window.getSelection();
selection.removeAllRanges();
selection.addRange(range);
element.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
"""


def shoot(driver: WebDriver, name: str) -> None:
    """Save the page at desktop and phone widths; on a phone the page itself never scrolls sideways (a wide
    table scrolls in its own box)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
        driver.set_window_size(width, height)
        driver.save_screenshot(str(SCREENSHOTS / f"{name}-{label}.png"))
        if label == "phone":
            sideways = driver.execute_script(
                "const e = document.documentElement; return e.scrollWidth - e.clientWidth;"
            )
            assert sideways <= 1, f"{name} scrolls {sideways}px sideways at {width}px"
    driver.set_window_size(*DESKTOP)


def text_of(driver: WebDriver, selector: str) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, selector).text)


def click_and_load(driver: WebDriver, element: Any) -> None:
    """Click what submits a form or follows a link, and wait until the next page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_driver: WebDriver) -> bool:
        try:
            old.is_enabled()
        except WebDriverException:  # stale, or "does not belong to the document" mid-navigation
            return True
        return False

    WebDriverWait(driver, 10).until(replaced)


def wait_for(driver: WebDriver, selector: str) -> Any:
    return WebDriverWait(driver, 10).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector))
    )


def test_an_editor_reviews_edits_and_publishes_in_the_browser(
    browser: WebDriver, served: tuple[str, Path]
) -> None:
    base, out = served
    driver = browser
    driver.get(base + "/")
    driver.find_element(By.ID, "name").send_keys("Ana Editor")
    click_and_load(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "Ana Editor" in text_of(driver, ".who")
    shoot(driver, "queue")

    # the claim list, keyboard first: j moves down, a approves the current row
    click_and_load(driver, driver.find_element(By.LINK_TEXT, "Zuckerberg on Meta's year"))
    wait_for(driver, ".claim-row.current")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    assert driver.find_element(By.CSS_SELECTOR, ".claim-row.current").get_attribute("id") == "row-c001"
    body.send_keys("j")
    body.send_keys("a")
    # the key saves through the API, then the page reloads
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(
        lambda d: "approved" in text_of(d, "#row-c002 .status")
    )
    # after the reload the same row is current; k moves up, 3 sets Hype
    wait_for(driver, "#row-c002.current")
    driver.find_element(By.TAG_NAME, "body").send_keys("k")
    driver.find_element(By.TAG_NAME, "body").send_keys("3")
    WebDriverWait(driver, 10, ignored_exceptions=[WebDriverException]).until(
        lambda d: text_of(d, "#row-c001 .label") == "Hype"
    )
    assert "draft" in text_of(driver, "#row-c001 .status")  # a label alone does not approve
    shoot(driver, "breakdown")

    # one claim: new wording, drop the mission statement, search and attach another passage
    driver.get(f"{base}/b/{SLUG}/c/c000")
    wording = driver.find_element(By.ID, "text")
    wording.clear()
    wording.send_keys("Reality Labs lost about $16 billion in 2023")
    boxes = driver.find_elements(By.CSS_SELECTOR, "#evidence-list input[type=checkbox]")
    assert len(boxes) == 2
    boxes[1].click()  # the mission statement says nothing about it
    click_and_load(driver, driver.find_element(By.ID, "save"))
    wait_for(driver, ".flash")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#evidence-list input[type=checkbox]")) == 1
    driver.find_element(By.ID, "q").send_keys("Reality Labs loss 2022")
    click_and_load(driver, driver.find_element(By.ID, "search"))
    hit = next(h for h in driver.find_elements(By.CSS_SELECTOR, ".hit") if "$13.72 billion" in h.text)
    # quote a span by selecting it in the passage, as an editor does with the mouse
    words = "compared with a loss of $13.72 billion in 2022"
    passage = hit.find_element(By.CSS_SELECTOR, ".passage")
    driver.execute_script(SELECT_WORDS, passage, words)
    assert hit.find_element(By.CSS_SELECTOR, "input.quote").get_attribute("value") == words
    start = hit.find_element(By.CSS_SELECTOR, "input[name=start]").get_attribute("value")
    assert start == str(passage.get_attribute("textContent").index(words))
    click_and_load(driver, hit.find_element(By.CSS_SELECTOR, "form.attach button"))
    wait_for(driver, ".flash")
    assert "Evidence attached" in text_of(driver, ".flash")
    items = driver.find_elements(By.CSS_SELECTOR, "#evidence-list .evidence-item")
    assert ["$16.12 billion" in items[0].text, "$13.72 billion" in items[1].text] == [True, True]
    items[1].find_element(By.CSS_SELECTOR, "button.up").click()  # the comparison first
    first = driver.find_elements(By.CSS_SELECTOR, "#evidence-list .evidence-item")[0]
    assert "$13.72 billion" in first.text

    # the verdict, its one-line explanation, approve
    Select(driver.find_element(By.ID, "label")).select_by_value("partially_true")
    driver.find_element(By.ID, "explanation").send_keys(
        "The 10-K says $16.12 billion; “about $16 billion” rounds it."
    )
    click_and_load(driver, driver.find_element(By.ID, "approve"))
    wait_for(driver, ".flash")
    assert "approved" in text_of(driver, "h1.claim-id")
    shoot(driver, "claim")

    # The One Thing, an editorial section of the page
    driver.get(f"{base}/b/{SLUG}/sections")
    area = driver.find_element(By.CSS_SELECTOR, "textarea[aria-label='The One Thing']")
    area.send_keys("Reality Labs keeps losing more each year.")
    click_and_load(driver, area.find_element(By.XPATH, "./following-sibling::button"))
    wait_for(driver, ".flash")

    # bulk: select the confident drafts (c004 is the one left undecided) and approve them
    driver.get(f"{base}/b/{SLUG}")
    driver.find_element(By.ID, "select-confident").click()
    ticked = [
        b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "input[name=ids]:checked")
    ]
    assert ticked == ["c004"]
    click_and_load(driver, driver.find_element(By.CSS_SELECTOR, "button[value=approve]"))
    assert "1 saved" in text_of(driver, ".flash") and "approved" in text_of(driver, "#row-c004 .status")

    # publish, then read the page readers get
    driver.get(base + "/")
    click_and_load(driver, driver.find_element(By.ID, "publish"))
    wait_for(driver, ".flash")
    assert "Published" in text_of(driver, ".flash")
    page = out / "site" / f"{SLUG}.html"
    html = page.read_text(encoding="utf-8")
    assert "Reality Labs lost about $16 billion in 2023" in html
    assert "compared with a loss of $13.72 billion in 2022" in html
    assert (
        "stated mission"
        not in html.split("Reality Labs lost about $16 billion in 2023", 1)[1].split("</article>", 1)[0]
    )
    assert "Partially True" in html
    assert "Our revenue was up a lot" not in html  # never approved: not published
    assert "Family of Apps made 62.87 billion dollars" in html  # approved in bulk
    assert "Reality Labs keeps losing more each year." in html
    driver.get(page.as_uri())
    card = driver.find_element(By.ID, "claim-c000")
    assert "Partially True" in card.text
    quoted = card.find_element(By.CSS_SELECTOR, ".evidence").text
    assert quoted.index("$13.72 billion") < quoted.index("$16.12 billion")  # the order chosen
    shoot(driver, "published")
