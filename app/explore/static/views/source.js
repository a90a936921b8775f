// The source reader: an article's full text in its own direction, every cited passage
// highlighted and linked, the passages set aside shown with their reason, and beside it what the
// chosen passage supports. The chosen passage is part of the address (`?span=116-246`).

import { get, getAll } from "../api.js";
import { dateElement } from "../dates.js";
import { h, inLanguage } from "../dom.js";
import { spanLink } from "../evidence.js";
import { factItem, subjects } from "../facts.js";
import { bi, glossNeeded, label, number, t } from "../i18n.js";
import { meta } from "../lookups.js";
import { overlaps, parseSpan, passages, runs, spanKey } from "../spans.js";
import { coverageLine } from "./coverage.js";

/** @typedef {import("../types").SourceDetail} SourceDetail */
/** @typedef {import("../types").SourceCitationPublic} SourceCitationPublic */
/** @typedef {import("../types").UncitedSpan} UncitedSpan */
/** @typedef {import("../spans.js").Passage} Passage */
/** @typedef {import("../spans.js").Run} Run */
/** @typedef {import("../facts.js").Subject} Subject */
/** @typedef {import("../router.js").Route} Route */
/** @typedef {import("./view.js").Rendered} Rendered */

// Beyond this many passages over one stretch, the highlight is as dark as it gets.
const MAX_DEPTH = 3;

/**
 * @param {Route} route
 * @returns {Promise<Rendered>}
 */
export async function render(route) {
  const id = route.path[1] ?? "";
  const path = `/sources/${encodeURIComponent(id)}`;
  const [source, citations, about, known] = await Promise.all([
    /** @type {Promise<SourceDetail>} */ (get(path)),
    /** @type {Promise<SourceCitationPublic[]>} */ (getAll(`${path}/citations`)),
    meta(),
    subjects(),
  ]);
  const chars = Array.from(source.text);
  const cited = passages(citations);
  const selected = parseSpan(route.params.get("span"), chars.length);
  const { text, mark } = sourceText(source, chars, cited, selected);
  const figures = about.coverage.documents.find((doc) => doc.source_id === source.id);
  const attribution = bi(source.attribution_en, source.attribution_ar);

  const content = h(
    "div",
    { class: "view view-source", "data-source-id": source.id },
    h(
      "header",
      { class: "view-header" },
      h("p", { class: "eyebrow" }, t("sources")),
      h("h1", { tabindex: -1 }, bi(source.title_en, source.title_ar)),
      figures && coverageLine(figures),
      h(
        "p",
        { class: "source-meta" },
        `${t("published")}: `,
        dateElement({ precision: source.published_precision, date: source.published_date }),
        attribution && ` · ${t("attribution")}: ${attribution}`,
        ` · ${t("language")}: ${label("language", source.language)}`,
        ` · ${t("characters", { n: number(source.char_count) })}`,
      ),
      source.published_note_en &&
        h("p", { class: "date-note" }, bi(source.published_note_en, source.published_note_ar)),
      h("p", { class: "help" }, t("readerHelp")),
    ),
    h(
      "div",
      { class: "reader" },
      text,
      h(
        "aside",
        { class: "span-panel", "aria-labelledby": "span-panel-heading", "aria-live": "polite" },
        h("h2", { id: "span-panel-heading" }, t("selectedHeading")),
        selected ? chosen(source, chars, cited, selected, known) : h("p", null, t("chooseSpan")),
      ),
    ),
    setAside(source),
  );
  return { title: bi(source.title_en, source.title_ar), content, focus: mark };
}

/**
 * The text, cut into runs: cited runs link to their innermost passage, set-aside runs to their
 * span, and the chosen passage is wrapped whole in one <mark> so it reads as one element.
 * @param {SourceDetail} source
 * @param {string[]} chars
 * @param {Passage[]} cited
 * @param {{start: number, end: number} | null} selected
 */
function sourceText(source, chars, cited, selected) {
  const text = h("div", {
    class: "source-text",
    lang: source.language,
    dir: source.language === "ar" ? "rtl" : "ltr",
  });
  /** @type {HTMLElement | null} */
  let mark = null;
  for (const run of runs(chars, cited, source.uncited, selected)) {
    const node = runNode(run, source.id);
    if (selected && selected.start <= run.start && run.end <= selected.end) {
      if (!mark) {
        mark = h("mark", {
          class: "selected",
          id: "selected-span",
          tabindex: -1,
          "data-start": selected.start,
          "data-end": selected.end,
        });
        text.append(mark);
      }
      mark.append(node);
    } else {
      text.append(node);
    }
  }
  return { text, mark };
}

/**
 * @param {Run} run
 * @param {string} sourceId
 * @returns {Node}
 */
function runNode(run, sourceId) {
  const [innermost] = run.cited;
  const [aside] = run.marked;
  if (!innermost && !aside) return document.createTextNode(run.text);
  const target = innermost ?? aside;
  const classes = [innermost ? "cited" : "", aside ? "marked" : ""].filter(Boolean);
  const startsAside = run.marked.find((span) => span.start === run.start);
  if (startsAside) classes.push("marked-start");
  return h(
    "a",
    {
      class: classes.join(" "),
      href: spanLink(sourceId, target.start, target.end),
      "data-depth": innermost ? Math.min(run.cited.length, MAX_DEPTH) : null,
      // Shown before the set-aside span by the style sheet, so it is not part of the text.
      "data-reason": startsAside ? label("reason", startsAside.reason) : null,
    },
    run.text,
  );
}

/**
 * What the chosen passage supports, with the English glosses; or why it was set aside.
 * @param {SourceDetail} source
 * @param {string[]} chars
 * @param {Passage[]} cited
 * @param {{start: number, end: number}} selected
 * @param {Map<string, Subject>} known
 */
function chosen(source, chars, cited, selected, known) {
  const exact = cited.find((passage) => spanKey(passage) === spanKey(selected));
  const asides = source.uncited.filter(
    (span) => span.start <= selected.start && selected.end <= span.end,
  );
  const nearby = cited.filter((passage) => passage !== exact && overlaps(passage, selected));
  const glosses = exact ? [...new Set(exact.citations.map((citation) => citation.gloss_en))] : [];
  return [
    h("p", { class: "range" }, t("spanRange", { start: selected.start, end: selected.end })),
    inLanguage(source.language, chars.slice(selected.start, selected.end).join(""), "blockquote"),
    glossNeeded(source.language) &&
      glosses.map((gloss) =>
        h(
          "p",
          { class: "gloss" },
          h("span", { class: "note-label" }, `${t("glossLabel")}: `),
          inLanguage("en", gloss),
        ),
      ),
    exact && [
      h("h3", null, t("supports")),
      h(
        "ul",
        { class: "facts" },
        exact.citations.map((citation) => factItem(citation.fact, known)),
      ),
    ],
    asides.map((span) =>
      h(
        "p",
        { class: "aside-reason", "data-reason": span.reason },
        t("markedAs", { reason: label("reason", span.reason) }),
        span.note_en && [" — ", bi(span.note_en, span.note_ar)],
      ),
    ),
    !exact && asides.length === 0 && h("p", null, t("notCited")),
    nearby.length > 0 && [
      h("h3", null, t("overlapping")),
      h(
        "ul",
        { class: "nearby" },
        nearby.map((passage) =>
          h(
            "li",
            null,
            h(
              "a",
              { href: spanLink(source.id, passage.start, passage.end) },
              inLanguage(source.language, excerpt(chars.slice(passage.start, passage.end))),
            ),
          ),
        ),
      ),
    ],
  ];
}

/** @param {string[]} chars */
function excerpt(chars) {
  const LIMIT = 80;
  return chars.length > LIMIT ? `${chars.slice(0, LIMIT).join("")}…` : chars.join("");
}

/**
 * Every span set aside, with its reason and the curators' note.
 * @param {SourceDetail} source
 */
function setAside(source) {
  if (source.uncited.length === 0) return null;
  return h(
    "section",
    { class: "panel set-aside", "aria-labelledby": "set-aside-heading" },
    h("h2", { id: "set-aside-heading" }, t("uncitedHeading")),
    h(
      "ul",
      null,
      source.uncited.map((span) =>
        h(
          "li",
          { "data-reason": span.reason },
          h(
            "a",
            { href: spanLink(source.id, span.start, span.end) },
            t("spanRange", { start: span.start, end: span.end }),
          ),
          `: ${label("reason", span.reason)}`,
          span.note_en && [" — ", bi(span.note_en, span.note_ar)],
        ),
      ),
    ),
  );
}
