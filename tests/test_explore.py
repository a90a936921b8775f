"""The evidence explorer (/explore), opened in a real headless Chromium that can reach only the
app. Every expectation is read from the API first, so the explorer is held to the data it shows.
"""

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import parse_qs, quote, urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Page, expect

from app.explore import EXPLORE_CSP
from bench.servers import Server
from tests.browser import PageRecord, open_page, screenshot
from tests.node import TYPESCRIPT, npx

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "app" / "explore" / "static"
# Committed, for the README; rewritten with PARLEY_UPDATE_SCREENSHOTS=1.
SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
WAIT_MS = 20_000


def api(server: Server, path: str) -> Any:
    with urlopen(f"{server.base_url}/api/v1{path}") as response:
        return json.load(response)


def explore(
    browser: Browser, server: Server, fragment: str, lang: str = "en", **options: object
) -> tuple[Page, PageRecord]:
    """Open /explore at a view and wait until the view is drawn."""
    query = "?lang=ar" if lang == "ar" else ""
    page, record = open_page(
        browser, f"{server.base_url}/explore{query}{fragment}", viewport=DESKTOP, **options
    )
    drawn(page)
    return page, record


def drawn(page: Page) -> None:
    # A selector, not wait_for_function: the page's policy forbids the eval that polling uses.
    page.wait_for_selector("main:not([aria-busy]) > .view", timeout=WAIT_MS)


def assert_only_this_origin_and_no_errors(record: PageRecord, server: Server) -> None:
    assert record.hosts_other_than(server.base_url) == []
    assert record.console_errors == []


def fragment_of(page: Page) -> str:
    return urlsplit(page.url).fragment


def keep(page: Page, name: str, committed: str | None = None) -> None:
    if committed:
        # The README's picture shows the page from its top: title, coverage, then the text.
        page.evaluate("window.scrollTo(0, 0)")
        page.mouse.move(0, 0)
    path = screenshot(page, name)
    # The README's pictures change only when asked: a test run must not edit tracked files.
    if committed and os.environ.get("PARLEY_UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / committed)


def test_the_page_sets_its_own_policy_and_runs_no_inline_script(server: Server) -> None:
    with urlopen(f"{server.base_url}/explore") as response:
        policy = response.headers["Content-Security-Policy"]
        # Never answered 304: the app's 304s carry its strict API policy, which a browser would
        # apply to the page on reload.
        assert response.headers["Cache-Control"] == "no-store"
        assert "ETag" not in response.headers
        html = response.read().decode()
    assert policy == EXPLORE_CSP
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all(
        'src="/explore/assets/' in attrs and not body.strip() for attrs, body in scripts
    )
    assert "http://" not in html and "https://" not in html
    with urlopen(f"{server.base_url}/explore/assets/main.js") as response:
        assert response.headers["Content-Type"].startswith("text/javascript")


def test_timeline_puts_the_riyadh_meeting_before_round_1(server: Server, browser: Browser) -> None:
    events = api(server, "/events?sort=date&limit=500")["items"]
    riyadh = next(e for e in events if e["kind"] == "meeting" and "Riyadh" in e["title_en"])
    page, record = explore(browser, server, "#/timeline")

    shown = page.locator(".event").evaluate_all("items => items.map(item => item.dataset.eventId)")
    assert shown == [event["id"] for event in placed(events)]
    assert shown.index(riyadh["id"]) < shown.index("round-1")
    # A remark "on or before 9 April" sits by 9 April, not above February's meetings.
    assert shown.index("round-1") < shown.index("lavrov-certain-progress")
    expect(page.locator('[data-event-id="lavrov-certain-progress"] time')).to_contain_text(
        "on or before"
    )
    expect(page.locator(f'[data-event-id="{riyadh["id"]}"] h2')).to_contain_text("Riyadh")
    keep(page, "explore-timeline-en-desktop.png")

    assert_only_this_origin_and_no_errors(record, server)


def placed(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The explorer's order: by the first possible day, a window open at its start by the day
    that bounds it, after what that day is known to hold."""

    def key(item: tuple[int, dict[str, Any]]) -> tuple[str, bool, int]:
        index, event = item
        day = event["earliest_date"] or event["latest_date"] or event["event_date"] or "9999"
        return day, not event["earliest_date"] and bool(event["latest_date"]), index

    return [event for _, event in sorted(enumerate(events), key=key)]


def date_words(
    precision: str, when: str | None, earliest: str | None = None, latest: str | None = None
) -> list[str]:
    """What the English interface must say of a date, in pieces: a day as a day, a month as a
    month, a window as its two ends, one open at its start as "on or before", and no date as
    unknown."""
    if precision == "unknown" or not (when or earliest or latest):
        return ["date unknown"]
    if precision == "approximate" and not (when or earliest) and latest:
        last = date.fromisoformat(latest)
        return [f"on or before {last.day} {last:%B %Y}"]
    if precision == "month":
        first = date.fromisoformat(earliest or f"{when}-01"[:10])
        return [f"{first:%B %Y}"]
    if precision == "approximate" and earliest and latest and earliest != latest:
        a, b = date.fromisoformat(earliest), date.fromisoformat(latest)
        return ["some time", f"{a.day}", f"{a:%B}", f"{b.day} {b:%B} {b.year}"]
    day = date.fromisoformat(earliest or str(when))
    prefix = "about " if precision == "approximate" else ""
    return [f"{prefix}{day.day} {day:%B %Y}"]


# A longer walk of the explorer: `pytest -m slow`.
@pytest.mark.slow
def test_dates_are_shown_as_precisely_as_the_sources_give_them(
    server: Server, browser: Browser
) -> None:
    events = api(server, "/events?sort=date&limit=500")["items"]
    assert {e["date_precision"] for e in events} >= {"day", "approximate"}
    page, record = explore(browser, server, "#/timeline")
    for event in events:
        when = page.locator(f'[data-event-id="{event["id"]}"] time')
        expect(when).to_have_attribute("data-precision", event["date_precision"])
        for words in date_words(
            event["date_precision"],
            event["event_date"],
            event["earliest_date"],
            event["latest_date"],
        ):
            expect(when).to_contain_text(words)

    sources = api(server, "/sources")["items"]
    page.goto(f"{server.base_url}/explore#/sources")
    drawn(page)
    for source in sources:
        when = page.locator(f'[data-source-id="{source["id"]}"] time')
        for words in date_words(source["published_precision"], source["published_date"]):
            expect(when).to_contain_text(words)
    assert_only_this_origin_and_no_errors(record, server)


# A longer walk of the explorer: `pytest -m slow`.
@pytest.mark.slow
def test_timeline_filters_by_participant_and_kind_and_reloads_as_filtered(
    server: Server, browser: Browser
) -> None:
    expected = api(server, "/events?participant=alexander-darchiev&kind=statement&limit=500")
    assert expected["total"] > 0
    page, record = explore(browser, server, "#/timeline")
    page.select_option("#filter-participant", "alexander-darchiev")
    page.wait_for_url(re.compile(r"participant=alexander-darchiev"), timeout=WAIT_MS)
    drawn(page)
    page.select_option("#filter-kind", "statement")
    page.wait_for_url(re.compile(r"kind=statement"), timeout=WAIT_MS)
    drawn(page)
    expect(page.locator(".event")).to_have_count(expected["total"])

    page.reload()
    drawn(page)
    expect(page.locator(".event")).to_have_count(expected["total"])
    kinds = page.locator(".event").evaluate_all("items => items.map(item => item.dataset.kind)")
    assert set(kinds) == {"statement"}
    expect(page.locator("#filter-participant")).to_have_value("alexander-darchiev")
    expect(page.locator("#filter-kind")).to_have_value("statement")
    assert_only_this_origin_and_no_errors(record, server)


def test_round_2_shows_direct_flights_raised_by_russia(server: Server, browser: Browser) -> None:
    issue = next(i for i in api(server, "/rounds/2/issues")["items"] if i["id"] == "direct-flights")
    assert issue["raised_by"] == ["RU"]
    round_2 = api(server, "/rounds/2")
    page, record = explore(browser, server, "#/round/2")

    expect(page.locator("h1")).to_have_text(round_2["name_en"])
    card = page.locator('[data-issue-id="direct-flights"]')
    expect(card).to_have_attribute("data-raised-by", "RU")
    expect(card.locator(".raised-by")).to_have_text("Russia")
    expect(card.locator(".agenda")).to_have_text("on the agenda")
    expect(card).to_have_attribute("data-outcome", issue["outcome"])
    expect(card.locator(".grade > .support")).to_have_attribute("data-support", issue["support"])
    # Each claim graded apart where its grade differs from the record's own.
    for claim, graded in issue["claims"].items():
        shown = card.locator(f'.claim-grade[data-claim="{claim}"] .support')
        if graded["support"] == issue["support"]:
            expect(shown).to_have_count(0)
        else:
            expect(shown).to_have_attribute("data-support", graded["support"])

    # Every version of the venue, each with its own support grade.
    venues = page.locator(".venue")
    expect(venues).to_have_count(len(round_2["venues"]))
    for index, venue in enumerate(round_2["venues"]):
        expect(venues.nth(index).locator("h3")).to_have_text(venue["name_en"])
        expect(venues.nth(index).locator(".support")).to_have_attribute(
            "data-support", venue["support"]
        )

    # Participants grouped by role.
    people = api(server, "/rounds/2/participants")["items"]
    heads = [p["id"] for p in people if p["role"] == "delegation_head"]
    shown_heads = page.locator('[data-role="delegation_head"] [data-participant-id]').evaluate_all(
        "items => items.map(item => item.dataset.participantId)"
    )
    assert shown_heads == heads
    keep(page, "explore-round-2-en-desktop.png")
    assert_only_this_origin_and_no_errors(record, server)


# A longer walk of the explorer: `pytest -m slow`.
@pytest.mark.slow
def test_round_comparison_is_offered_only_with_other_rounds(
    server: Server, browser: Browser
) -> None:
    expected = {
        row["issue"]["id"]: row["change"] for row in api(server, "/rounds/1/compare/2")["issues"]
    }
    page, record = explore(browser, server, "#/round/2")
    offered = page.locator(".compare-switch a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    numbers = {int(n) for n in re.findall(r"compare=(\d+)", " ".join(offered))}
    assert numbers == {r["number"] for r in api(server, "/rounds")["items"]} - {2}

    page.click("a[href='#/round/2?compare=1']")
    page.wait_for_selector("table.comparison", timeout=WAIT_MS)
    rows = page.locator("table.comparison:not(.aspects-comparison) tbody tr").evaluate_all(
        "rows => rows.map(row => [row.dataset.issueId, row.dataset.change])"
    )
    assert dict(rows) == expected
    assert expected["banking-for-missions"] == "new"
    # How each round went, aspect by aspect, beside the issues.
    aspects = api(server, "/rounds/1/compare/2")["aspects"]
    shown = page.locator("table.aspects-comparison tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.aspect)"
    )
    assert shown == [row["aspect"] for row in aspects]

    page.reload()
    drawn(page)
    expect(page.locator("table.comparison:not(.aspects-comparison) tbody tr")).to_have_count(
        len(expected)
    )
    assert_only_this_origin_and_no_errors(record, server)


def test_a_citation_on_a_round_page_opens_its_passage_highlighted_in_the_reader(
    server: Server, browser: Browser
) -> None:
    issue = next(i for i in api(server, "/rounds/2/issues")["items"] if i["id"] == "direct-flights")
    citation = issue["citations"][0]
    source = api(server, f"/sources/{citation['source_id']}")
    page, record = explore(browser, server, "#/round/2")

    card = page.locator('[data-issue-id="direct-flights"]')
    card.locator(".evidence summary").click()
    link = card.locator(
        f'a.span-link[data-start="{citation["start"]}"][data-end="{citation["end"]}"]'
    ).first
    link.click()
    page.wait_for_selector("#selected-span", timeout=WAIT_MS)
    drawn(page)

    assert fragment_of(page) == (
        f"/source/{citation['source_id']}?span={citation['start']}-{citation['end']}"
    )
    mark = page.locator("#selected-span")
    assert mark.text_content() == citation["quote"]
    assert source["text"][citation["start"] : citation["end"]] == citation["quote"]
    expect(page.locator(".source-text")).to_have_attribute(
        "dir", "rtl" if source["language"] == "ar" else "ltr"
    )
    panel = page.locator(".span-panel")
    expect(panel).to_contain_text(citation["gloss_en"])
    expect(panel.locator('[data-subject="round-2/issue/direct-flights"]')).to_have_count(1)
    assert_only_this_origin_and_no_errors(record, server)


# A longer walk of the explorer: `pytest -m slow`.
@pytest.mark.slow
def test_the_reader_highlights_every_passage_and_shows_what_was_set_aside(
    server: Server, browser: Browser
) -> None:
    source_id = "istanbul-meeting-preview"
    source = api(server, f"/sources/{source_id}")
    citations = api(server, f"/sources/{source_id}/citations?limit=500")["items"]
    figures = next(
        d for d in api(server, "/meta")["coverage"]["documents"] if d["source_id"] == source_id
    )
    page, record = explore(browser, server, f"#/source/{source_id}")

    # The text is the article's, whole; every cited passage is covered by a highlighted link.
    text = page.locator(".source-text")
    assert text.text_content() == source["text"]
    covered = page.evaluate(
        """() => {
            const covered = new Set();
            let offset = 0;
            for (const node of document.querySelector('.source-text').childNodes) {
                const length = Array.from(node.textContent).length;
                if (node.nodeType === 1 && node.classList.contains('cited')) {
                    for (let i = offset; i < offset + length; i++) covered.add(i);
                }
                offset += length;
            }
            return [...covered];
        }"""
    )
    cited = {i for c in citations for i in range(c["start"], c["end"])}
    assert set(covered) == cited
    text_share = round(100 * figures["characters"]["cited_share"])
    expect(page.locator(".coverage")).to_contain_text(
        f"{figures['cited']} of {figures['sentences']} sentences cited ({text_share}% of the text)"
    )
    asides = page.locator(".source-text a.marked-start")
    expect(asides).to_have_count(len(source["uncited"]))
    reasons = asides.evaluate_all("items => items.map(item => item.dataset.reason)")
    assert len(reasons) == len(source["uncited"]) and all(reasons)
    for span in source["uncited"]:
        expect(page.locator(".set-aside")).to_contain_text(span["note_en"])

    # Choosing a passage in the text shows its glosses and the facts it supports.
    choice = next(c for c in citations if c["fact"]["kind"] == "participant")
    same_span = [c for c in citations if (c["start"], c["end"]) == (choice["start"], choice["end"])]
    page.click(f".source-text a[href$='span={choice['start']}-{choice['end']}']")
    page.wait_for_url(re.compile(rf"span={choice['start']}-{choice['end']}"), timeout=WAIT_MS)
    drawn(page)
    assert page.locator("#selected-span").text_content() == choice["quote"]
    expect(page.locator(".span-panel .fact")).to_have_count(len(same_span))
    expect(page.locator(".span-panel")).to_contain_text(choice["gloss_en"])
    assert page.evaluate("document.activeElement.id") == "selected-span"
    keep(page, "explore-reader-en-desktop.png", committed="explore-en.png")

    # A set-aside span shows why.
    aside = source["uncited"][0]
    page.click(f".set-aside a[href$='span={aside['start']}-{aside['end']}']")
    page.wait_for_selector(".span-panel .aside-reason", timeout=WAIT_MS)
    expect(page.locator(".span-panel .aside-reason")).to_have_attribute(
        "data-reason", aside["reason"]
    )
    assert_only_this_origin_and_no_errors(record, server)


def test_search_finds_the_ambassador_by_an_arabic_spelling(
    server: Server, browser: Browser
) -> None:
    query = "دارشيف"
    results = api(server, f"/search?q={quote(query)}")["items"]
    assert any(r["type"] == "participant" and r["id"] == "alexander-darchiev" for r in results)
    page, record = explore(browser, server, "#/timeline")

    page.locator("#search-input").press_sequentially(query, delay=40)
    hit = page.locator('.result[data-type="participant"][data-id="alexander-darchiev"]')
    hit.wait_for(timeout=WAIT_MS)
    expect(hit.locator(".result-link")).to_have_text("Alexander Darchiev")
    expect(hit.locator("mark")).to_have_text(query)
    assert parse_qs(fragment_of(page).split("?", 1)[1])["q"] == [query]
    # Results come as you type, but not one request per keystroke.
    searches = [url for url in record.requests if "/api/v1/search" in url]
    assert 1 <= len(searches) < len(query)
    # Focus stays in the box while typing.
    assert page.evaluate("document.activeElement.id") == "search-input"

    page.reload()
    drawn(page)
    hit.wait_for(timeout=WAIT_MS)
    expect(page.locator("#search-input")).to_have_value(query)
    assert_only_this_origin_and_no_errors(record, server)


def test_a_participant_has_a_page_that_every_mention_leads_to(
    server: Server, browser: Browser
) -> None:
    coulter = api(server, "/participants/sonata-coulter")
    meetings = api(server, "/participants/sonata-coulter/rounds")["items"]
    page, record = explore(browser, server, "#/round/2")
    page.locator('[data-participant-id="sonata-coulter"] h4 a').click()
    drawn(page)
    assert fragment_of(page) == "/participant/sonata-coulter"
    expect(page.locator("h1")).to_have_text(coulter["name_en"])
    # Every title with its versions, preferred first, each graded and cited.
    titles = page.locator(".titles .card h3").all_text_contents()
    assert titles == [title["title_en"] for title in coulter["titles"]]
    expect(page.locator(".titles .card.preferred")).to_have_count(1)
    expect(page.locator(".aliases .card")).to_have_count(len(coulter["aliases"]))
    rounds = page.locator(".meetings .card").evaluate_all(
        "cards => cards.map(c => c.dataset.roundId)"
    )
    assert rounds == [meeting["round"]["id"] for meeting in meetings]
    expect(page.locator(".statements .card")).to_have_count(len(coulter["statements"]))
    assert_only_this_origin_and_no_errors(record, server)


# A longer walk of the explorer: `pytest -m slow`.
@pytest.mark.slow
def test_search_snippets_show_marks_as_elements_and_everything_else_as_text(
    server: Server, browser: Browser
) -> None:
    results = api(server, "/search?q=flights")["items"]
    escaped = next(r for r in results if "&#x27;" in r["match"]["snippet"])
    page, record = explore(browser, server, "#/search?q=flights")

    expect(page.locator(".result")).to_have_count(len(results))
    item = page.locator(f'.result[data-type="{escaped["type"]}"][data-id="{escaped["id"]}"]')
    snippet = item.locator("p").first
    expect(snippet).to_contain_text("Russia's")
    expect(snippet).not_to_contain_text("&#x27;")
    expect(snippet).not_to_contain_text("<mark>")
    expect(snippet.locator("mark")).to_have_count(escaped["match"]["snippet"].count("<mark>"))
    keep(page, "explore-search-en-desktop.png")
    assert_only_this_origin_and_no_errors(record, server)


# A longer walk of the explorer: `pytest -m slow`.
@pytest.mark.slow
def test_a_hostile_snippet_cannot_become_markup(server: Server, browser: Browser) -> None:
    """The explorer's own snippet renderer, given what a compromised or buggy API might send."""
    page, record = explore(browser, server, "#/timeline")
    rendered = page.evaluate(
        """async () => {
            const { renderSnippet } = await import('/explore/assets/snippet.js');
            const box = document.createElement('div');
            box.append(renderSnippet(
                '<img src=x onerror=alert(1)>&lt;b&gt; &#x27;<mark>hit</mark></mark><mark><script>'
            ));
            return {
                tags: [...box.querySelectorAll('*')].map(e => e.tagName),
                text: box.textContent,
            };
        }"""
    )
    assert rendered["tags"] == ["MARK", "MARK"]
    assert rendered["text"] == "<img src=x onerror=alert(1)><b> 'hit</mark><script>"
    assert_only_this_origin_and_no_errors(record, server)


def test_the_arabic_interface_is_right_to_left_and_switches_back(
    server: Server, browser: Browser
) -> None:
    round_2 = api(server, "/rounds/2")
    page, record = explore(browser, server, "#/round/2", lang="ar")

    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(round_2["name_ar"])
    expect(page.locator('[data-issue-id="direct-flights"] .raised-by')).to_have_text("روسيا")
    # Mirrored: the brand starts at the right, the language switch sits at the left.
    brand = page.locator(".brand").bounding_box()
    switch = page.locator("#lang-switch").bounding_box()
    assert brand and switch and brand["x"] > switch["x"]
    keep(page, "explore-round-2-ar-desktop.png")

    page.click("#lang-switch")
    drawn(page)
    expect(html).to_have_attribute("lang", "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.locator("h1")).to_have_text(round_2["name_en"])
    assert "lang=" not in urlsplit(page.url).query and fragment_of(page) == "/round/2"

    page.click("#lang-switch")
    drawn(page)
    assert parse_qs(urlsplit(page.url).query) == {"lang": ["ar"]}
    page.reload()
    drawn(page)
    expect(html).to_have_attribute("dir", "rtl")
    assert_only_this_origin_and_no_errors(record, server)


# Three Latin words in a row: English prose, not a source id or a name in a note.
ENGLISH_PROSE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}")


@pytest.mark.parametrize(
    "fragment",
    [
        "#/round/2",
        # The other views: `pytest -m slow`.
        pytest.param("#/round/1", marks=pytest.mark.slow),
        pytest.param("#/issue/direct-flights", marks=pytest.mark.slow),
        pytest.param("#/", marks=pytest.mark.slow),
        pytest.param("#/source/toxic-legacy-talks", marks=pytest.mark.slow),
        pytest.param("#/participant/alexander-darchiev", marks=pytest.mark.slow),
    ],
)
def test_the_arabic_interface_shows_no_english_paragraph(
    server: Server, browser: Browser, fragment: str
) -> None:
    # Every curators' note has its Arabic, and an Arabic quote needs no English gloss there.
    page, record = explore(browser, server, fragment, lang="ar")
    page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    # Quotes are the sources' own words, in the sources' languages: only the prose is checked.
    prose = "main :is(p, li, dd, dt, h1, h2, h3, td):not(:has(blockquote))"
    texts = page.locator(prose).all_text_contents()
    assert texts
    english = [text for text in texts if ENGLISH_PROSE.search(text)]
    assert english == []
    assert_only_this_origin_and_no_errors(record, server)


def test_the_arabic_reader(server: Server, browser: Browser) -> None:
    citation = next(
        c
        for c in api(server, "/sources/istanbul-meeting-preview/citations?limit=500")["items"]
        if c["fact"]["kind"] == "participant" and c["fact"]["subject_id"] == "alexander-darchiev"
    )
    fragment = f"#/source/istanbul-meeting-preview?span={citation['start']}-{citation['end']}"
    page, record = explore(browser, server, fragment, lang="ar")
    assert page.locator("#selected-span").text_content() == citation["quote"]
    # An Arabic quote read in Arabic needs no English gloss; the English interface gives it.
    expect(page.locator(".span-panel .gloss")).to_have_count(0)
    keep(page, "explore-reader-ar-desktop.png", committed="explore-ar.png")
    assert_only_this_origin_and_no_errors(record, server)


# A longer walk of the explorer: `pytest -m slow`.
@pytest.mark.slow
def test_keyboard_reaches_everything_with_a_visible_focus(server: Server, browser: Browser) -> None:
    round_1 = api(server, "/rounds/1")
    page, record = explore(browser, server, "#/timeline")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_class("skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert fragment_of(page) == "/timeline"

    link = page.locator("main a[href='#/round/1']").first
    link.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#/round/1$"), timeout=WAIT_MS)
    heading = page.locator("main h1")
    expect(heading).to_have_text(round_1["name_en"])
    # After following a link, focus moves to the new view's heading.
    expect(heading).to_be_focused()
    assert_only_this_origin_and_no_errors(record, server)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_view_fits_a_phone_screen(server: Server, browser: Browser, lang: str) -> None:
    citation = api(server, "/sources/istanbul-meeting-preview/citations")["items"][0]
    views = {
        "timeline": "#/timeline",
        "round-2": "#/round/2?compare=1",
        "reader": f"#/source/istanbul-meeting-preview?span={citation['start']}-{citation['end']}",
        "search": f"#/search?q={quote('رحلات')}",
        "sources": "#/sources",
        "participant": "#/participant/sonata-coulter",
    }
    for name, fragment in views.items():
        page, record = open_page(
            browser,
            f"{server.base_url}/explore{'?lang=ar' if lang == 'ar' else ''}{fragment}",
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
        )
        drawn(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} is {width}px wide"
        keep(page, f"explore-{name}-{lang}-phone.png")
        assert_only_this_origin_and_no_errors(record, server)
        page.context.close()


# The most API requests a view may need to be drawn: every view is a few documents or lists,
# so none waits on more than a moment's work, whatever the machine's speed.
MAX_REQUESTS_PER_VIEW = 8


@pytest.mark.parametrize(
    "fragment",
    [
        "#/timeline",
        "#/participant/alexander-darchiev",
        # The other views: `pytest -m slow`.
        pytest.param("#/round/2", marks=pytest.mark.slow),
        pytest.param("#/issue/direct-flights", marks=pytest.mark.slow),
        pytest.param("#/source/toxic-legacy-talks", marks=pytest.mark.slow),
        pytest.param(f"#/search?q={quote('رحلات')}", marks=pytest.mark.slow),
        pytest.param("#/sources", marks=pytest.mark.slow),
    ],
)
def test_no_view_is_left_loading(server: Server, browser: Browser, fragment: str) -> None:
    page, record = explore(browser, server, fragment)
    # Drawn: the "Loading…" placeholder is gone, and a screenshot now shows the view.
    expect(page.locator("main .loading")).to_have_count(0)
    expect(page.locator("main > .view h1")).to_have_count(1)
    api_requests = [url for url in record.requests if "/api/v1/" in url]
    assert 0 < len(api_requests) <= MAX_REQUESTS_PER_VIEW, api_requests
    assert_only_this_origin_and_no_errors(record, server)


# A longer walk of the explorer: `pytest -m slow`.
@pytest.mark.slow
def test_an_api_problem_is_shown_with_its_detail(server: Server, browser: Browser) -> None:
    with pytest.raises(HTTPError) as missing:
        api(server, "/rounds/99")
    with missing.value as problem:
        detail = json.load(problem)["detail"]
    page, record = explore(browser, server, "#/round/99")
    expect(page.locator(".problem")).to_contain_text(detail)
    assert record.hosts_other_than(server.base_url) == []
    # The browser reports the 404 itself; nothing else may go wrong.
    assert all("404" in error for error in record.console_errors)


def test_the_modules_type_check_against_the_generated_api_types() -> None:
    """`npx --yes --package typescript@5.9.3 -- tsc -p app/explore/static`, strict, checkJs."""
    result = subprocess.run(
        [
            npx("EXPLORER TYPE CHECK"),
            "--yes",
            "--package",
            TYPESCRIPT,
            "--",
            "tsc",
            "-p",
            str(STATIC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
