// How every fact shows its grounds: its support grade, and its citations, each linking to the
// cited passage in the source reader.

import { h, inLanguage } from "./dom.js";
import { bi, glossNeeded, label, number, plural, t } from "./i18n.js";
import { link } from "./router.js";

/** @typedef {import("./types").CitationPublic} CitationPublic */
/** @typedef {import("./types").SourcePublic} SourcePublic */
/** @typedef {import("./types").Support} Support */

/**
 * The reader's address for a passage of a source.
 * @param {string} sourceId
 * @param {number} start
 * @param {number} end
 */
export function spanLink(sourceId, start, end) {
  return link(["source", sourceId], { span: `${start}-${end}` });
}

/**
 * @param {Support} support
 * @param {number} [sourceCount]
 */
export function supportBadge(support, sourceCount) {
  // "single source · 1 source" would say the same thing twice.
  const count =
    sourceCount === undefined || (support === "single_source" && sourceCount === 1)
      ? null
      : plural("sourceCount", sourceCount);
  return h(
    "span",
    { class: `support support-${support}`, "data-support": support },
    h("span", { class: "visually-hidden" }, `${t("supportLabel")}: `),
    label("support", support),
    count && h("span", { class: "source-count" }, ` · ${count}`),
  );
}

/**
 * A record's grade, and beside it each of its other claims' (who raised an issue, its outcome)
 * when that grade differs from the record's own: the one most readers need, and the exceptions.
 * @param {{ support: Support, source_count: number, claims: Record<string, { support: Support, source_count: number }> }} record
 */
export function grades(record) {
  const others = Object.entries(record.claims)
    .slice(1)
    .filter(([, graded]) => graded.support !== record.support);
  return [
    supportBadge(record.support, record.source_count),
    others.length > 0 &&
      h(
        "span",
        { class: "claim-grades" },
        h("span", { class: "visually-hidden" }, `${t("claimsLabel")}: `),
        others.map(([claim, graded]) =>
          h(
            "span",
            { class: "claim-grade", "data-claim": claim },
            `${label("claim", claim)}: `,
            supportBadge(graded.support, graded.source_count),
          ),
        ),
      ),
  ];
}

/**
 * The citations of one fact, folded away under a count so that long pages stay scannable.
 * @param {CitationPublic[]} citations
 * @param {Map<string, SourcePublic>} sources
 */
export function citationList(citations, sources) {
  if (citations.length === 0) return null;
  return h(
    "details",
    { class: "evidence" },
    h("summary", null, t("citations", { n: number(citations.length) })),
    h(
      "ol",
      { class: "citations" },
      citations.map((citation) => citationItem(citation, sources.get(citation.source_id))),
    ),
  );
}

/**
 * @param {CitationPublic} citation
 * @param {SourcePublic | undefined} source
 */
export function citationItem(citation, source) {
  const title = source ? bi(source.title_en, source.title_ar) : citation.source_id;
  return h(
    "li",
    { class: "citation" },
    inLanguage(source?.language ?? "ar", citation.quote, "blockquote"),
    // A quote from an English source is its own gloss; one in the interface's language needs none.
    citation.gloss_by !== "source" &&
      (!source || glossNeeded(source.language)) &&
      h(
        "p",
        { class: "gloss" },
        h("span", { class: "visually-hidden" }, `${t("glossLabel")}: `),
        inLanguage("en", citation.gloss_en),
      ),
    citation.claims.length > 1 &&
      h(
        "p",
        { class: "supports" },
        `${t("supportsLabel")}: `,
        citation.claims.map((claim) => label("claim", claim)).join(" · "),
      ),
    citation.inferred &&
      h(
        "p",
        { class: "inferred", "data-inferred": "true" },
        h("span", { class: "note-label" }, `${t("inferredLabel")}: `),
        bi(citation.note_en, citation.note_ar),
      ),
    h(
      "a",
      {
        class: "span-link",
        href: spanLink(citation.source_id, citation.start, citation.end),
        "data-source": citation.source_id,
        "data-start": citation.start,
        "data-end": citation.end,
      },
      `${t("readInSource")}: `,
      h("cite", null, title),
    ),
  );
}
