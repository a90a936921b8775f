// Search snippets arrive as HTML: the matched words wrapped in <mark>, and the rest escaped by
// the API (`&#x27;`, `&quot;`). Only the two mark tags become elements; every other part is
// decoded from its entities and inserted as text, so nothing else in a snippet can become markup.

import { h } from "./dom.js";

const MARK = /(<mark>|<\/mark>)/;
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi;
/** @type {Record<string, string>} */
const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** @param {string} text */
export function decodeEntities(text) {
  return text.replace(ENTITY, (whole, name) => {
    const lower = String(name).toLowerCase();
    if (lower in NAMED) return NAMED[lower];
    const code = lower.startsWith("#x")
      ? parseInt(lower.slice(2), 16)
      : parseInt(lower.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff
      ? String.fromCodePoint(code)
      : whole;
  });
}

/**
 * The snippet as a fragment of text nodes and <mark> elements. An unbalanced tag is shown as
 * text rather than trusted.
 * @param {string} snippet
 */
export function renderSnippet(snippet) {
  const result = document.createDocumentFragment();
  /** @type {Node} */
  let target = result;
  for (const part of snippet.split(MARK)) {
    if (part === "<mark>" && target === result) {
      target = result.appendChild(h("mark"));
    } else if (part === "</mark>" && target !== result) {
      target = result;
    } else if (part !== "") {
      const text = part === "<mark>" || part === "</mark>" ? part : decodeEntities(part);
      target.appendChild(document.createTextNode(text));
    }
  }
  return result;
}
