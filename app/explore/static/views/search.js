// Search results for the words in the address (`#/search?q=...`), in either language, each with
// the API's snippet and a link to the view that shows the match.

import { getFresh, withQuery } from "../api.js";
import { h, inLanguage } from "../dom.js";
import { spanLink } from "../evidence.js";
import { bi, label, number, t } from "../i18n.js";
import { roundNumbers } from "../lookups.js";
import { link } from "../router.js";
import { renderSnippet } from "../snippet.js";

/** @typedef {import("../types").SearchResult} SearchResult */
/** @typedef {import("../types").Page<SearchResult>} SearchPage */
/** @typedef {import("../router.js").Route} Route */
/** @typedef {import("./view.js").Rendered} Rendered */

const LIMIT = 50;

// Each new question abandons the one before, so a slow answer never replaces a newer one.
/** @type {AbortController | null} */
let pending = null;

/**
 * @param {Route} route
 * @returns {Promise<Rendered>}
 */
export async function render(route) {
  const q = (route.params.get("q") ?? "").trim();
  const heading = h("h1", { tabindex: -1 }, t("searchHeading"));
  if (!q) {
    pending?.abort();
    const content = h(
      "div",
      { class: "view view-search" },
      heading,
      h("p", null, t("searchPrompt")),
    );
    return { title: t("searchHeading"), content };
  }
  pending?.abort();
  pending = new AbortController();
  const [page, numbers] = await Promise.all([
    /** @type {Promise<SearchPage>} */ (
      getFresh(withQuery("/search", { q, limit: LIMIT }), pending.signal)
    ),
    roundNumbers(),
  ]);
  const content = h(
    "div",
    { class: "view view-search" },
    heading,
    h(
      "p",
      { class: "count", role: "status" },
      page.total ? t("searchResults", { n: number(page.total), q }) : t("searchNone", { q }),
    ),
    h(
      "ol",
      { class: "results" },
      page.items.map((result) => resultItem(result, numbers)),
    ),
  );
  return { title: `${t("searchHeading")}: ${q}`, content };
}

/**
 * Where a result is shown: rounds have pages; other meetings, events and statements are on the
 * timeline; a participant has a page of their own; a match in a source's
 * text opens the reader at the matched words.
 * @param {SearchResult} result
 * @param {Map<string, number | null>} numbers
 */
function target(result, numbers) {
  switch (result.type) {
    case "round": {
      const round = numbers.get(result.id);
      return round ? link(["round", String(round)]) : link(["timeline"], { focus: result.id });
    }
    case "participant":
      return link(["participant", result.id]);
    case "issue":
      return link(["issue", result.id]);
    case "source":
      return result.match.field === "text"
        ? spanLink(result.id, result.match.start, result.match.end)
        : link(["source", result.id]);
    default:
      return link(["timeline"], { focus: result.id });
  }
}

/**
 * @param {SearchResult} result
 * @param {Map<string, number | null>} numbers
 */
function resultItem(result, numbers) {
  const language = result.match.language === "ar" ? "ar" : "en";
  return h(
    "li",
    { class: "result", "data-type": result.type, "data-id": result.id },
    h("span", { class: `kind kind-${result.type}` }, label("type", result.type)),
    " ",
    h(
      "a",
      { class: "result-link", href: target(result, numbers) },
      bi(result.label_en, result.label_ar),
    ),
    inLanguage(language, renderSnippet(result.match.snippet), "p"),
    h(
      "p",
      { class: "match-field" },
      t("matchedIn", { field: label("field", result.match.field) }),
      result.via && ` · ${t("via", { via: result.via })}`,
    ),
  );
}
