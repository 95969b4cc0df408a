"""Signs in to the Heartbeat dashboard with headless Chromium and compares the overview's
headline figures with the CLI's JSON report. Used by scripts/browser-check."""
import argparse
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

# data-figure key on the page -> path in the engagement report's JSON.
FIGURES = {
    "members.total": ("members", "total"),
    "members.new": ("members", "new"),
    "activity.active_posters": ("activity", "active_posters"),
    "activity.average_dau": ("activity", "average_dau"),
    "activity.stickiness": ("activity", "stickiness"),
    "threads.response_rate": ("threads", "response_rate"),
    "threads.first_response_median_seconds": ("threads", "first_response_median_seconds"),
    "threads.unanswered_questions": ("threads", "unanswered_questions"),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    expected = json.load(open(args.expected))

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,2000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # Signing in runs bcrypt (cost 12), which takes a while in a debug build.
    driver.implicitly_wait(30)
    failures = []
    try:
        driver.get(args.url + "/")
        if "/login" not in driver.current_url:
            failures.append(f"an anonymous visit was not sent to /login but to {driver.current_url}")
        driver.find_element(By.NAME, "name").send_keys(args.user)
        driver.find_element(By.NAME, "password").send_keys(args.password)
        driver.save_screenshot(f"{args.out}/login.png")
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        driver.find_element(By.CSS_SELECTOR, "dl.headline")
        driver.save_screenshot(f"{args.out}/overview.png")

        cookie = driver.get_cookie("hb_session")
        if not cookie or not cookie.get("httpOnly") or cookie.get("sameSite") != "Strict":
            failures.append(f"session cookie not HttpOnly/SameSite=Strict: {cookie}")

        for key, path in FIGURES.items():
            element = driver.find_element(By.CSS_SELECTOR, f'[data-figure="{key}"]')
            shown = element.get_attribute("data-raw")
            value = expected
            for part in path:
                value = value[part]
            if value is None:
                ok = shown == ""
            elif isinstance(value, int):
                ok = shown == str(value)
            else:
                ok = shown != "" and abs(float(shown) - value) <= 0.00005 + 1e-9 * abs(value)
            text = element.find_element(By.TAG_NAME, "dd").text
            print(f"{'ok ' if ok else 'BAD'} {key:45} page {shown!r:>14} ({text})  cli {value!r}")
            if not ok:
                failures.append(f"{key}: page {shown!r}, CLI {value!r}")

        charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart-figure svg")
        if len(charts) < 2:
            failures.append(f"expected charts on the overview, found {len(charts)}")
        for name in ("engagement", "retention", "activity", "content", "events"):
            driver.get(f"{args.url}/reports/{name}?all=1")
            driver.find_element(By.CSS_SELECTOR, "main h1")
            driver.save_screenshot(f"{args.out}/report-{name}.png")
            if name in ("content", "events"):
                drawn = driver.find_elements(By.CSS_SELECTOR, "figure.chart-figure svg")
                print(f"{'ok ' if drawn else 'BAD'} {name} report page draws {len(drawn)} chart(s)")
                if not drawn:
                    failures.append(f"the {name} report page draws no chart")
        driver.get(f"{args.url}/members")
        rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
        if not rows:
            failures.append("the members page lists no one")
        driver.save_screenshot(f"{args.out}/members.png")
        rows[0].find_element(By.TAG_NAME, "a").click()
        driver.find_element(By.CSS_SELECTOR, "main h1")
        driver.save_screenshot(f"{args.out}/member.png")

        # The contributor pipeline: the board, then move the pitched submission from its page.
        driver.get(f"{args.url}/submissions")
        cards = driver.find_elements(By.CSS_SELECTOR, 'section[data-state="pitched"] article.card a')
        if not cards:
            failures.append("the submissions board shows no pitched card")
        else:
            cards[0].click()
            driver.find_element(By.CSS_SELECTOR, "form.move select[name=state] option[value=accepted]").click()
            driver.find_element(By.CSS_SELECTOR, "form.move input[name=comment]").send_keys("accepted in the browser check")
            button = driver.find_element(By.CSS_SELECTOR, "form.move button")
            button.click()
            # Wait for the page the POST redirects to: reading before it replaces this one races.
            WebDriverWait(driver, 15).until(expected_conditions.staleness_of(button))
            state = driver.find_element(By.CSS_SELECTOR, '[data-figure="state"] dd').text
            print(f"{'ok ' if state == 'accepted' else 'BAD'} moved a pitch from the browser: now {state!r}")
            if state != "accepted" or "accepted in the browser check" not in driver.page_source:
                failures.append(f"moving a submission from its page left it {state!r}")
            driver.save_screenshot(f"{args.out}/submission.png")
        driver.get(f"{args.url}/reports/contributors")
        driver.find_element(By.CSS_SELECTOR, "main h1")
        driver.save_screenshot(f"{args.out}/report-contributors.png")

        driver.get(args.url + "/")
        driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
        driver.get(args.url + "/")
        if "/login" not in driver.current_url:
            failures.append("after signing out, the overview was still shown")
    finally:
        driver.quit()

    if failures:
        print("browser check FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print(f"browser check passed: {len(FIGURES)} headline figures equal the CLI's, screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
