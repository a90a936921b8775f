// One issue across the meetings where it came up, so search results and fact links for an issue
// have somewhere to land.

import { get } from "../api.js";
import { dateElement } from "../dates.js";
import { h, section } from "../dom.js";
import { citationList, grades } from "../evidence.js";
import { bi, label, t } from "../i18n.js";
import { sourcesById } from "../lookups.js";
import { meetingLink } from "../router.js";
import { sideName } from "./round.js";

/** @typedef {import("../types").IssueDetail} IssueDetail */
/** @typedef {import("../router.js").Route} Route */
/** @typedef {import("./view.js").Rendered} Rendered */

/**
 * @param {Route} route
 * @returns {Promise<Rendered>}
 */
export async function render(route) {
  const id = route.path[1] ?? "";
  const [issue, sources] = await Promise.all([
    /** @type {Promise<IssueDetail>} */ (get(`/issues/${encodeURIComponent(id)}`)),
    sourcesById(),
  ]);
  const summary = bi(issue.summary_en, issue.summary_ar);
  const content = h(
    "div",
    { class: "view view-issue", "data-issue-id": issue.id },
    h(
      "header",
      { class: "view-header" },
      h("p", { class: "eyebrow" }, t("issueHeading")),
      h("h1", { tabindex: -1 }, bi(issue.name_en, issue.name_ar)),
      summary && h("p", { class: "summary" }, summary),
      issue.note_en && h("p", { class: "note" }, bi(issue.note_en, issue.note_ar)),
      h("p", { class: "grade" }, grades(issue)),
      citationList(issue.citations, sources),
    ),
    section(
      "issue-rounds",
      t("issueRounds"),
      h(
        "ul",
        { class: "cards" },
        issue.path.map((step) => {
          const round = step.round;
          const name = bi(round.name_en, round.name_ar);
          const href = meetingLink(round, `issue-${issue.id}`);
          return h(
            "li",
            { class: "card", "data-round-id": round.id },
            h("h3", null, h("a", { href }, name)),
            h(
              "p",
              null,
              dateElement({ precision: round.date_precision, date: round.start_date }),
              " · ",
              h(
                "span",
                { class: `outcome outcome-${step.outcome}` },
                label("outcome", step.outcome),
              ),
              " · ",
              `${t("raisedBy")}: `,
              step.raised_by.length
                ? step.raised_by.map(sideName).join(t("listSeparator"))
                : t("raisedByUnknown"),
              " · ",
              step.on_agenda ? t("onAgenda") : t("offAgenda"),
            ),
            step.outcome_note_en &&
              h("p", { class: "note" }, bi(step.outcome_note_en, step.outcome_note_ar)),
            h("p", { class: "grade" }, grades(step)),
            citationList(step.citations, sources),
          );
        }),
      ),
    ),
    issue.items.length > 0 &&
      section(
        "issue-items",
        t("issueItems"),
        h(
          "ul",
          { class: "cards" },
          issue.items.map((item) =>
            h(
              "li",
              { class: "card" },
              h("h3", null, bi(item.name_en, item.name_ar)),
              bi(item.place_en, item.place_ar) && h("p", null, bi(item.place_en, item.place_ar)),
              item.note_en && h("p", { class: "note" }, bi(item.note_en, item.note_ar)),
              h("p", { class: "grade" }, grades(item)),
              citationList(item.citations, sources),
            ),
          ),
        ),
      ),
  );
  return { title: bi(issue.name_en, issue.name_ar), content };
}
