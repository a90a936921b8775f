// How much of a source the curators accounted for, from /meta: sentences cited, sentences set
// aside with a reason, and sentences neither; and the share of the text (letters and digits)
// inside a citation.

import { h } from "../dom.js";
import { locale, number, t } from "../i18n.js";

/** @typedef {import("../types").DocumentCoverage} DocumentCoverage */

/** @param {DocumentCoverage} figures */
export function coverageLine(figures) {
  const textShare = figures.characters.cited_share;
  const share = new Intl.NumberFormat(locale(), { style: "percent" }).format(textShare);
  return h(
    "p",
    { class: "coverage", "data-cited-share": textShare },
    h("meter", { min: 0, max: 1, value: textShare, "aria-hidden": "true" }),
    " ",
    t("coverage", {
      cited: number(figures.cited),
      sentences: number(figures.sentences),
      share,
      marked: number(figures.marked),
      uncovered: number(figures.uncovered),
    }),
  );
}
