// A round: when and where (every version of the venue, each with its support), who took part by
// role, and each issue with who raised it, whether it was on the agenda and what came of it.

import { get, getAll } from "../api.js";
import { dateElement } from "../dates.js";
import { h, section } from "../dom.js";
import { citationList, grades } from "../evidence.js";
import { bi, label, t } from "../i18n.js";
import { rounds, sourcesById } from "../lookups.js";
import { link } from "../router.js";
import { compareSection } from "./compare.js";

/** @typedef {import("../types").RoundPublic} RoundPublic */
/** @typedef {import("../types").VenuePublic} VenuePublic */
/** @typedef {import("../types").AspectPublic} AspectPublic */
/** @typedef {import("../types").RoundParticipantPublic} RoundParticipantPublic */
/** @typedef {import("../types").RoundIssuePublic} RoundIssuePublic */
/** @typedef {import("../types").SourcePublic} SourcePublic */
/** @typedef {import("../types").Role} Role */
/** @typedef {import("../types").Side} Side */
/** @typedef {import("../router.js").Route} Route */
/** @typedef {import("./view.js").Rendered} Rendered */

/** @type {Role[]} */
const ROLES = ["delegation_head", "minister", "spokesperson", "announcer", "delegation"];

/** @param {Side | null} side */
export function sideName(side) {
  return side ? label("side", side) : t("sideNone");
}

/**
 * @param {Route} route
 * @returns {Promise<Rendered>}
 */
export async function render(route) {
  const number = route.path[1] ?? "";
  const [round, people, issues, allRounds, sources] = await Promise.all([
    /** @type {Promise<RoundPublic>} */ (get(`/rounds/${encodeURIComponent(number)}`)),
    /** @type {Promise<RoundParticipantPublic[]>} */ (
      getAll(`/rounds/${encodeURIComponent(number)}/participants`)
    ),
    /** @type {Promise<RoundIssuePublic[]>} */ (
      getAll(`/rounds/${encodeURIComponent(number)}/issues`)
    ),
    rounds(),
    sourcesById(),
  ]);
  const others = allRounds.filter((other) => other.number !== round.number);
  const compareTo = Number(route.params.get("compare"));
  const comparing = others.some((other) => other.number === compareTo) ? compareTo : null;
  const comparison = comparing ? await compareSection(round.number, comparing) : null;

  const content = h(
    "div",
    { class: "view view-round", "data-round": round.number },
    header(round, sources),
    h(
      "nav",
      { class: "compare-switch", "aria-label": t("compare") },
      h("span", { class: "compare-label" }, `${t("compare")}:`),
      h(
        "ul",
        null,
        others.map((other) =>
          h(
            "li",
            null,
            h(
              "a",
              {
                href: link(["round", String(round.number)], { compare: other.number }),
                "aria-current": other.number === comparing ? "true" : null,
              },
              t("compareWith", { n: other.number }),
            ),
          ),
        ),
        comparing &&
          h("li", null, h("a", { href: link(["round", String(round.number)]) }, t("compareClose"))),
      ),
    ),
    comparison,
    section("venues", t("venues"), venueList(round.venues, sources)),
    round.aspects.length > 0 &&
      section("aspects", t("aspects"), aspectList(round.aspects, sources)),
    section("participants", t("participants"), participantGroups(people, sources)),
    section(
      "issues",
      t("issues"),
      h(
        "ul",
        { class: "cards issues" },
        issues.map((issue) => issueCard(issue, sources)),
      ),
    ),
  );

  const focusId = route.params.get("focus");
  /** @type {HTMLElement | null} */
  let focus = null;
  if (comparison && route.params.has("compare")) {
    focus = comparison.querySelector("h2");
  } else if (focusId) {
    focus = content.querySelector(`[id="${CSS.escape(focusId)}"]`);
    focus?.classList.add("focused");
  }
  return { title: bi(round.name_en, round.name_ar), content, focus };
}

/**
 * @param {RoundPublic} round
 * @param {Map<string, SourcePublic>} sources
 */
function header(round, sources) {
  const city = bi(round.city_en, round.city_ar);
  const summary = bi(round.summary_en, round.summary_ar);
  return h(
    "header",
    { class: "view-header" },
    h("p", { class: "eyebrow" }, t("round", { n: round.number })),
    h("h1", { tabindex: -1 }, bi(round.name_en, round.name_ar)),
    h(
      "dl",
      { class: "facts-line" },
      h(
        "div",
        null,
        h("dt", null, t("roundDate")),
        h("dd", null, dateElement({ precision: round.date_precision, date: round.start_date })),
      ),
      city && h("div", null, h("dt", null, t("roundCity")), h("dd", null, city)),
      h("div", null, h("dt", null, t("roundStatus")), h("dd", null, label("status", round.status))),
      h("div", null, h("dt", null, t("supportLabel")), h("dd", null, grades(round))),
    ),
    round.date_note_en &&
      h(
        "p",
        { class: "date-note" },
        h("span", { class: "note-label" }, `${t("dateNoteLabel")}: `),
        bi(round.date_note_en, round.date_note_ar),
      ),
    summary && h("p", { class: "summary" }, summary),
    round.note_en && h("p", { class: "note" }, bi(round.note_en, round.note_ar)),
    round.disputed_fields.length > 0 &&
      h(
        "p",
        { class: "disputed" },
        t("disputedFields", {
          fields: round.disputed_fields
            .map((field) => label("field", field))
            .join(t("listSeparator")),
        }),
      ),
    citationList(round.citations, sources),
  );
}

/**
 * @param {VenuePublic[]} venues
 * @param {Map<string, SourcePublic>} sources
 */
function venueList(venues, sources) {
  if (venues.length === 0) return h("p", { class: "empty" }, t("noVenue"));
  return h(
    "ul",
    { class: "cards venues" },
    venues.map((venue) =>
      h(
        "li",
        { class: `card venue${venue.preferred ? " preferred" : ""}` },
        h("h3", null, bi(venue.name_en, venue.name_ar)),
        h(
          "p",
          { class: "grade" },
          h("span", { class: "reading" }, venue.preferred ? t("preferred") : t("otherReading")),
          " ",
          grades(venue),
        ),
        venue.note_en && h("p", { class: "note" }, bi(venue.note_en, venue.note_ar)),
        citationList(venue.citations, sources),
      ),
    ),
  );
}

/**
 * How the meeting went (its duration, its press access, how it ended), every version of each.
 * @param {AspectPublic[]} aspects
 * @param {Map<string, SourcePublic>} sources
 */
function aspectList(aspects, sources) {
  return h(
    "ul",
    { class: "cards aspects" },
    aspects.map((aspect) =>
      h(
        "li",
        {
          class: `card aspect${aspect.preferred ? " preferred" : ""}`,
          "data-aspect": aspect.aspect,
        },
        h("h3", null, label("aspect", aspect.aspect)),
        h("p", { class: "aspect-value" }, bi(aspect.value_en, aspect.value_ar)),
        h(
          "p",
          { class: "grade" },
          !aspect.preferred && [h("span", { class: "reading" }, t("otherReading")), " "],
          grades(aspect),
        ),
        aspect.note_en && h("p", { class: "note" }, bi(aspect.note_en, aspect.note_ar)),
        citationList(aspect.citations, sources),
      ),
    ),
  );
}

/**
 * @param {RoundParticipantPublic[]} people
 * @param {Map<string, SourcePublic>} sources
 */
function participantGroups(people, sources) {
  return ROLES.filter((role) => people.some((person) => person.role === role)).map((role) =>
    h(
      "div",
      { class: "role-group", "data-role": role },
      h("h3", null, label("role", role)),
      h(
        "ul",
        { class: "cards participants" },
        people
          .filter((person) => person.role === role)
          .map((person) =>
            h(
              "li",
              {
                class: "card participant",
                id: `participant-${person.id}`,
                "data-participant-id": person.id,
                "data-side": person.side ?? "",
                tabindex: -1,
              },
              h(
                "h4",
                null,
                h(
                  "a",
                  { href: link(["participant", person.id]) },
                  bi(person.name_en, person.name_ar),
                ),
              ),
              h("p", { class: "side" }, sideName(person.side)),
              person.title_en && h("p", { class: "title" }, bi(person.title_en, person.title_ar)),
              person.role_note_en &&
                h("p", { class: "note" }, bi(person.role_note_en, person.role_note_ar)),
              h("p", { class: "grade" }, grades(person)),
              citationList(person.citations, sources),
            ),
          ),
      ),
    ),
  );
}

/**
 * @param {RoundIssuePublic} issue
 * @param {Map<string, SourcePublic>} sources
 */
function issueCard(issue, sources) {
  const summary = bi(issue.summary_en, issue.summary_ar);
  return h(
    "li",
    {
      class: `card issue${issue.on_agenda ? "" : " off-agenda"}`,
      id: `issue-${issue.id}`,
      "data-issue-id": issue.id,
      "data-raised-by": issue.raised_by.join(" "),
      "data-on-agenda": String(issue.on_agenda),
      "data-outcome": issue.outcome,
      tabindex: -1,
    },
    h("h3", null, h("a", { href: link(["issue", issue.id]) }, bi(issue.name_en, issue.name_ar))),
    summary && h("p", { class: "summary" }, summary),
    h(
      "dl",
      { class: "issue-facts" },
      h(
        "div",
        null,
        h("dt", null, t("raisedBy")),
        h(
          "dd",
          { class: "raised-by" },
          issue.raised_by.length
            ? issue.raised_by.map(sideName).join(t("listSeparator"))
            : t("raisedByUnknown"),
        ),
      ),
      h(
        "div",
        null,
        h("dt", null, t("agenda")),
        h("dd", { class: "agenda" }, issue.on_agenda ? t("onAgenda") : t("offAgenda")),
      ),
      h(
        "div",
        null,
        h("dt", null, t("outcome")),
        h("dd", { class: `outcome outcome-${issue.outcome}` }, label("outcome", issue.outcome)),
      ),
    ),
    issue.outcome_note_en &&
      h("p", { class: "note" }, bi(issue.outcome_note_en, issue.outcome_note_ar)),
    issue.note_en && h("p", { class: "note" }, bi(issue.note_en, issue.note_ar)),
    h("p", { class: "grade" }, grades(issue)),
    citationList(issue.citations, sources),
  );
}
