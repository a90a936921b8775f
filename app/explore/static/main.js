// Starts the explorer: the language from the address, the header, and the view named by the
// fragment, drawn again whenever the fragment changes.

import { ApiError } from "./api.js";
import { h } from "./dom.js";
import { lang, parseLang, setLang, t } from "./i18n.js";
import { rounds } from "./lookups.js";
import { currentRoute, go, link, routeKey } from "./router.js";
import * as issueView from "./views/issue.js";
import * as participantView from "./views/participant.js";
import * as roundView from "./views/round.js";
import * as searchView from "./views/search.js";
import * as sourceView from "./views/source.js";
import * as sourcesView from "./views/sources.js";
import * as timelineView from "./views/timeline.js";

/** @typedef {import("./router.js").Route} Route */
/** @typedef {import("./views/view.js").Rendered} Rendered */
/** @typedef {{ render: (route: Route) => Promise<Rendered> }} View */

/** @type {Record<string, View>} */
const VIEWS = {
  timeline: timelineView,
  round: roundView,
  source: sourceView,
  sources: sourcesView,
  search: searchView,
  issue: issueView,
  participant: participantView,
};
const SEARCH_DELAY_MS = 200;

/** @template {Element} T @param {string} selector @returns {T} */
function required(selector) {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return /** @type {T} */ (found);
}

const main = /** @type {HTMLElement} */ (required("#main"));
const searchInput = /** @type {HTMLInputElement} */ (required("#search-input"));
const searchForm = /** @type {HTMLFormElement} */ (required("#search-form"));
const langSwitch = /** @type {HTMLButtonElement} */ (required("#lang-switch"));
const navLinks = /** @type {HTMLUListElement} */ (required("#nav-links"));

/** @type {number[]} */
let roundList = [];
let drawing = 0;
/** @type {string | null} */
let shownKey = null;

function applyLanguage() {
  const root = document.documentElement;
  root.lang = lang();
  root.dir = lang() === "ar" ? "rtl" : "ltr";
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = t(
      /** @type {import("./i18n.js").Key} */ (element.getAttribute("data-i18n")),
    );
  }
  for (const element of document.querySelectorAll("[data-i18n-label]")) {
    const key = /** @type {import("./i18n.js").Key} */ (element.getAttribute("data-i18n-label"));
    element.setAttribute("aria-label", t(key));
  }
  searchInput.placeholder = t("searchPlaceholder");
  langSwitch.textContent = t("switchTo");
  langSwitch.lang = lang() === "ar" ? "en" : "ar";
  langSwitch.title = t("switchToLabel");
  drawNav(currentRoute());
}

/** @param {Route} route */
function drawNav(route) {
  // A source's reader belongs under "Sources" in the nav.
  const here = route.path[0] === "source" ? "sources" : routeKey(route) || "timeline";
  /** @type {[string, string][]} */
  const entries = [
    [link(["timeline"]), t("timeline")],
    ...roundList.map(
      (n) => /** @type {[string, string]} */ ([link(["round", String(n)]), t("round", { n })]),
    ),
    [link(["sources"]), t("sources")],
  ];
  navLinks.replaceChildren(
    ...entries.map(([href, text]) =>
      h(
        "li",
        null,
        h(
          "a",
          { href, "aria-current": href.slice(2).split("?")[0] === here ? "page" : null },
          text,
        ),
      ),
    ),
  );
}

/** @param {unknown} error */
function errorView(error) {
  const detail =
    error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return h(
    "div",
    { class: "view view-error" },
    h("h1", { tabindex: -1 }, t("errorHeading")),
    h("p", { class: "problem", role: "alert" }, t("error", { detail })),
    h("p", null, h("a", { href: link(["timeline"]) }, t("backToTimeline"))),
  );
}

/**
 * Draw the view the address names. `typing` is set while the search box drives the address, so
 * focus stays in the box.
 * @param {{ typing?: boolean }} [options]
 */
async function show({ typing = false } = {}) {
  const route = currentRoute();
  const drawn = ++drawing;
  const key = routeKey(route) || "timeline";
  const firstDraw = shownKey === null;
  const samePath = key === shownKey;
  drawNav(route);
  if (route.path[0] === "search" && !typing) searchInput.value = route.params.get("q") ?? "";
  const active = document.activeElement;
  const keepFocusOn = active && main.contains(active) && active.id ? active.id : null;
  const view = VIEWS[route.path[0] ?? "timeline"];
  main.setAttribute("aria-busy", "true");
  // Until the first view arrives the page would be blank; later views replace the last one
  // only when ready, so it stays readable meanwhile.
  if (!main.querySelector(".view"))
    main.replaceChildren(h("p", { class: "loading" }, t("loading")));
  try {
    if (!view) throw new Error(t("notFound"));
    const rendered = await view.render(route);
    if (drawn !== drawing) return;
    shownKey = key;
    main.replaceChildren(rendered.content);
    document.title = `${rendered.title} · ${t("appTitle")}`;
    if (rendered.focus) {
      rendered.focus.focus({ preventScroll: true });
      rendered.focus.scrollIntoView({ block: "start" });
    } else if (typing || firstDraw) {
      // Leave focus where it is: in the search box, or at the top of a freshly opened page.
    } else if (samePath && keepFocusOn) {
      document.getElementById(keepFocusOn)?.focus();
    } else if (!samePath) {
      window.scrollTo(0, 0);
      main.querySelector("h1")?.focus();
    }
  } catch (error) {
    if (drawn !== drawing || (error instanceof DOMException && error.name === "AbortError")) return;
    shownKey = key;
    main.replaceChildren(errorView(error));
    if (!typing && !firstDraw) main.querySelector("h1")?.focus();
  } finally {
    if (drawn === drawing) main.removeAttribute("aria-busy");
  }
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let searchTimer;

function searchNow() {
  clearTimeout(searchTimer);
  const q = searchInput.value.trim();
  const onSearch = currentRoute().path[0] === "search";
  if (!q && !onSearch) return;
  go(link(["search"], { q }), onSearch ? "replace" : "push");
  void show({ typing: true });
}

function switchLanguage() {
  setLang(lang() === "ar" ? "en" : "ar");
  const params = new URLSearchParams(location.search);
  if (lang() === "ar") params.set("lang", "ar");
  else params.delete("lang");
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  applyLanguage();
  shownKey = null;
  void show();
}

async function start() {
  setLang(parseLang(new URLSearchParams(location.search).get("lang")));
  applyLanguage();
  searchInput.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(searchNow, SEARCH_DELAY_MS);
  });
  // The page's policy forbids form submission; Enter searches at once instead.
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    searchNow();
  });
  langSwitch.addEventListener("click", switchLanguage);
  // The skip link would otherwise replace the view's address with "#main".
  required(".skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    main.focus();
  });
  window.addEventListener("hashchange", () => void show());
  const drawing = show();
  try {
    roundList = (await rounds()).map((round) => round.number);
    drawNav(currentRoute());
  } catch {
    // The nav keeps its other links; the view reports the API's problem itself.
  }
  await drawing;
}

void start();
