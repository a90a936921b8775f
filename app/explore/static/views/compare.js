// Two rounds side by side, issue by issue. The earlier round is always asked for first: the API
// calls its first round "before", whatever their order, and grades new/dropped from that.

import { get } from "../api.js";
import { h, section } from "../dom.js";
import { supportBadge } from "../evidence.js";
import { bi, label, t } from "../i18n.js";
import { link } from "../router.js";

/** @typedef {import("../types").RoundComparison} RoundComparison */
/** @typedef {import("../types").IssueInRound} IssueInRound */
/** @typedef {import("../types").Side} Side */
/** @typedef {import("../types").AspectPublic} AspectPublic */

/**
 * @param {number} number the round whose page this is
 * @param {number} other
 */
export async function compareSection(number, other) {
  const [first, second] = number < other ? [number, other] : [other, number];
  /** @type {RoundComparison} */
  const comparison = await get(`/rounds/${first}/compare/${second}`);
  const table = h(
    "table",
    { class: "comparison" },
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        h("th", { scope: "col" }, t("compareIssue")),
        h("th", { scope: "col" }, t("compareChange")),
        h("th", { scope: "col" }, t("round", { n: first })),
        h("th", { scope: "col" }, t("round", { n: second })),
      ),
    ),
    h(
      "tbody",
      null,
      comparison.issues.map((row) =>
        h(
          "tr",
          { "data-issue-id": row.issue.id, "data-change": row.change },
          h(
            "th",
            { scope: "row" },
            h(
              "a",
              { href: link(["issue", row.issue.id]) },
              bi(row.issue.name_en, row.issue.name_ar),
            ),
          ),
          h(
            "td",
            { "data-label": t("compareChange") },
            h("span", { class: `change change-${row.change}` }, label("change", row.change)),
          ),
          h("td", { "data-label": t("round", { n: first }) }, inRound(row.before)),
          h("td", { "data-label": t("round", { n: second }) }, inRound(row.after)),
        ),
      ),
    ),
  );
  const aspects =
    comparison.aspects.length > 0 &&
    h(
      "table",
      { class: "comparison aspects-comparison" },
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", { scope: "col" }, t("aspects")),
          h("th", { scope: "col" }, t("round", { n: first })),
          h("th", { scope: "col" }, t("round", { n: second })),
        ),
      ),
      h(
        "tbody",
        null,
        comparison.aspects.map((row) =>
          h(
            "tr",
            { "data-aspect": row.aspect },
            h("th", { scope: "row" }, label("aspect", row.aspect)),
            h("td", { "data-label": t("round", { n: first }) }, aspectValue(row.before)),
            h("td", { "data-label": t("round", { n: second }) }, aspectValue(row.after)),
          ),
        ),
      ),
    );
  return section(
    "comparison",
    t("compareHeading", { a: first, b: second }),
    // A wide table scrolls inside its own box on a narrow screen, reachable by keyboard.
    h(
      "div",
      {
        class: "table-scroll",
        tabindex: 0,
        role: "region",
        "aria-labelledby": "comparison-heading",
      },
      table,
      aspects,
    ),
  );
}

/** @param {AspectPublic | null} aspect */
function aspectValue(aspect) {
  if (!aspect) return h("span", { class: "absent" }, t("notGiven"));
  return [
    bi(aspect.value_en, aspect.value_ar),
    h("br"),
    supportBadge(aspect.support, aspect.source_count),
  ];
}

/** @param {IssueInRound | null} state */
function inRound(state) {
  if (!state) return h("span", { class: "absent" }, t("notInRound"));
  /** @param {Side} side */
  const side = (side) => label("side", side);
  return [
    h("span", { class: `outcome outcome-${state.outcome}` }, label("outcome", state.outcome)),
    state.raised_by.length > 0 &&
      h("span", { class: "raised-by" }, ` (${state.raised_by.map(side).join(t("listSeparator"))})`),
    !state.on_agenda && h("span", { class: "agenda" }, ` · ${t("offAgenda")}`),
    h("br"),
    supportBadge(state.support, state.source_count),
  ];
}
