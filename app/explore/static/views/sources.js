// The list of sources, each with its date, language and how much of it is accounted for.

import { dateElement } from "../dates.js";
import { h } from "../dom.js";
import { bi, number, t } from "../i18n.js";
import { meta, sourcesById } from "../lookups.js";
import { link } from "../router.js";
import { coverageLine } from "./coverage.js";

/** @typedef {import("./view.js").Rendered} Rendered */

/** @returns {Promise<Rendered>} */
export async function render() {
  const [sources, about] = await Promise.all([sourcesById(), meta()]);
  const coverage = new Map(about.coverage.documents.map((doc) => [doc.source_id, doc]));
  const content = h(
    "div",
    { class: "view view-sources" },
    h("h1", { tabindex: -1 }, t("sourcesHeading")),
    h("p", null, t("sourcesIntro")),
    h(
      "ul",
      { class: "cards sources" },
      [...sources.values()].map((source) => {
        const attribution = bi(source.attribution_en, source.attribution_ar);
        const figures = coverage.get(source.id);
        return h(
          "li",
          { class: "card source", "data-source-id": source.id },
          h(
            "h2",
            null,
            h("a", { href: link(["source", source.id]) }, bi(source.title_en, source.title_ar)),
          ),
          h(
            "p",
            { class: "source-meta" },
            `${t("published")}: `,
            dateElement({ precision: source.published_precision, date: source.published_date }),
            attribution && ` · ${t("attribution")}: ${attribution}`,
            ` · ${t("characters", { n: number(source.char_count) })}`,
          ),
          figures && coverageLine(figures),
        );
      }),
    ),
  );
  return { title: t("sources"), content };
}
