"""Content-Security-Policy: the site works under the policy hooks/csp.py ships in site/_headers,
which never allows 'unsafe-inline' for scripts (issue 7).

The browser tests serve the built site with that header (a custom handler), use each
audited page as a reader does (search, palette, instant navigation) and assert no CSP
violation, no script error and no request leaving 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest
from audited_pages import AUDITED, page_path
from bs4 import BeautifulSoup

from studyguide import csp

SCRIPT_ELEMENT = re.compile(r"<script\b.*?</script\s*>", re.I | re.S)
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""


def site_policy(site) -> str:
    return csp.parse_headers_file((site / csp.HEADERS_FILE).read_text(encoding="utf-8"))


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy}")


# ------------------------------------------------------------------ the policy itself


def test_policy_never_allows_inline_scripts_or_eval(site):
    policy = site_policy(site)
    scripts = directive(policy, "script-src")
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in scripts
    assert scripts[0] == "'self'"
    assert directive(policy, "default-src") == ["'self'"]
    assert directive(policy, "object-src") == ["'none'"]


def test_materials_inline_scripts_are_moved_to_files(site):
    """base.html's __md_scope, the palette restore and the #hash tab script run from files."""
    page = (site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    inline = [s.get_text() for s in soup.find_all("script") if not s.get("src") and s.get("type") in (None, "text/javascript")]
    assert not [code for code in inline if re.search(r"__md_scope=|__md_get\(\"__palette\"\)|location\.hash\.slice", code)]
    sources = [s["src"] for s in soup.find_all("script", src=True)]
    for name in ("material-base.js", "material-palette.js", "material-hash-target.js"):
        assert any(src.endswith(name) for src in sources), name
        assert (site / "assets" / "javascripts" / name).is_file()


def test_every_inline_script_left_in_the_site_is_hashed_in_the_policy(site):
    scripts = set(directive(site_policy(site), "script-src"))
    for path in site.rglob("*.html"):
        # parse only the <script> elements (a whole-page parse of 160 pages is slow)
        chunks = "".join(SCRIPT_ELEMENT.findall(path.read_text(encoding="utf-8")))
        for tag in BeautifulSoup(chunks, "html.parser").find_all("script"):
            if tag.get("src") or tag.get("type") not in (None, "text/javascript", "module"):
                continue
            assert csp.sha256_source(tag.string or "") in scripts, f"{path.relative_to(site)}: inline script not in the CSP"


def test_hashes_match_the_browser_rules():
    """CSP hashes are base64 SHA-256 of the exact text; style="" values are hashed unescaped."""
    assert csp.sha256_source("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    code = csp.InlineCode()
    code.scan(
        '<p style="a:&quot;b&quot;">x</p><script>alert(1)</script><script type="application/json">{}</script><script src="x.js"></script>'
    )
    assert code.style_attributes == {csp.sha256_source('a:"b"')}
    assert code.scripts == {csp.sha256_source("alert(1)")}
    policy = csp.policy(code)
    assert "'unsafe-hashes'" in directive(policy, "style-src")
    assert csp.parse_headers_file(csp.headers_file(policy)) == policy


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="session")
def csp_site_url(site):
    """The built site served with the Content-Security-Policy from its _headers file."""
    policy = site_policy(site)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def use_widgets(page) -> None:
    """Answer the first quiz question and filter the limits table, where the page has them."""
    setup = page.locator("form.quiz-exam__setup")
    if setup.count() and setup.is_visible():  # the practice exam: start one
        setup.locator("button[type=submit]").click()
        page.locator("form.quiz__question").first.wait_for()
    panel = page.locator("details.quiz__panel").first
    if panel.count():  # a page's questions wait in a collapsed panel
        panel.locator("> summary").click()
    question = page.locator("form.quiz__question").first
    if question.count():
        question.locator("input[type=radio], input[type=checkbox]").first.check()
        check = question.locator("button[type=submit]")
        if check.count():  # page quizzes check one answer; the exam checks at the end
            check.click()
            page.locator(".quiz [aria-live]").first.wait_for(state="attached")
    box = page.locator(".sg-limits__filter input[type=search]")
    if box.count() and box.is_visible():
        box.press_sequentially("vpc", delay=15)
        box.fill("")  # clearing a search box is fine with fill(); every row shows again


def use_page(page) -> None:
    """What a reader does: search, read a result list, switch the palette, use the widgets."""
    use_widgets(page)
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    search = page.locator("input.md-search__input")
    search.press_sequentially("VPC peering", delay=15)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") != before


@pytest.mark.browser
@pytest.mark.parametrize("which", AUDITED)
def test_audited_page_works_under_the_csp(browser_page, site, csp_site_url, which):
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(f"{csp_site_url}/{page_path(site, which)}")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    use_page(page)
    # follow a link to another page of the site (Material's instant navigation handles it)
    found = page.evaluate(
        """() => {
            const link = [...document.querySelectorAll('article a[href]')].find((a) => {
                const u = new URL(a.href, location);
                return a.checkVisibility() && u.origin === location.origin && u.pathname !== location.pathname;
            });
            if (link) link.setAttribute('data-test-next', '');
            return Boolean(link);
        }"""
    )
    assert found, "no visible link to another page of the site in the article"
    page.locator("article a[data-test-next]").click()
    page.wait_for_url(lambda url: url.split("#")[0] != response.url)
    page.wait_for_load_state()
    page.locator("article h1").first.wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__csp") == []
    assert browser_page.errors == []
    assert browser_page.outside_requests() == []


@pytest.mark.browser
def test_the_policy_is_enforced(browser_page, csp_site_url):
    """The check can fail: an inline script is refused and reported as a violation."""
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{csp_site_url}/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s); }")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__csp"))


@pytest.mark.browser
def test_score_bars_are_drawn_under_the_csp(browser_page, csp_site_url):
    """Issue 15: the bars get their width through the CSSOM (element.style), which the policy
    allows, unlike a style="" attribute: the progress page's history shows them at their size."""
    page = browser_page.page
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{csp_site_url}/progress/")
    page.evaluate(
        """() => localStorage.setItem('sapc02-history-v1',
             JSON.stringify([{at: Date.now(), right: 3, total: 4, domains: {'new-solutions': [3, 4]}}]))"""
    )
    page.reload()
    fill = page.locator(".quiz-progress__exams .quiz-bar__track > span").first
    fill.wait_for()
    track = page.locator(".quiz-progress__exams .quiz-bar__track").first
    assert abs(fill.bounding_box()["width"] / track.bounding_box()["width"] - 0.75) < 0.02
    assert page.evaluate("window.__csp") == []
    assert browser_page.errors == []
