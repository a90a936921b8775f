// How much of a source the curators accounted for, from /meta: sentences cited, sentences set
// aside with a reason, and sentences neither.

import { h } from "../dom.js";
import { locale, number, t } from "../i18n.js";

/** @typedef {import("../types").DocumentCoverage} DocumentCoverage */

/** @param {DocumentCoverage} figures */
export function coverageLine(figures) {
  const share = new Intl.NumberFormat(locale(), { style: "percent" }).format(figures.cited_share);
  return h(
    "p",
    { class: "coverage", "data-cited-share": figures.cited_share },
    h("meter", { min: 0, max: 1, value: figures.cited_share, "aria-hidden": "true" }),
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
