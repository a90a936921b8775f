// One participant: who they are, every title the sources give them, every spelling of their
// name, the meetings they took part in and what they said, each with its grounds. Search results
// and every mention of a participant lead here.

import { get, getAll } from "../api.js";
import { dateElement } from "../dates.js";
import { h, inLanguage, section } from "../dom.js";
import { citationList, grades } from "../evidence.js";
import { bi, label, t } from "../i18n.js";
import { sourcesById } from "../lookups.js";
import { link, meetingLink } from "../router.js";
import { sideName } from "./round.js";

/** @typedef {import("../types").ParticipantDetail} ParticipantDetail */
/** @typedef {import("../types").ParticipantRoundPublic} ParticipantRoundPublic */
/** @typedef {import("../types").StatementPublic} StatementPublic */
/** @typedef {import("../types").SourcePublic} SourcePublic */
/** @typedef {import("../router.js").Route} Route */
/** @typedef {import("./view.js").Rendered} Rendered */

/**
 * @param {Route} route
 * @returns {Promise<Rendered>}
 */
export async function render(route) {
  const id = route.path[1] ?? "";
  const path = `/participants/${encodeURIComponent(id)}`;
  const [person, meetings, sources] = await Promise.all([
    /** @type {Promise<ParticipantDetail>} */ (get(path)),
    /** @type {Promise<ParticipantRoundPublic[]>} */ (getAll(`${path}/rounds`)),
    sourcesById(),
  ]);
  const name = bi(person.name_en, person.name_ar);
  const content = h(
    "div",
    { class: "view view-participant", "data-participant-id": person.id },
    h(
      "header",
      { class: "view-header" },
      h("p", { class: "eyebrow" }, t("participantHeading")),
      h("h1", { tabindex: -1 }, name),
      h("p", { class: "side" }, sideName(person.side)),
      h("p", { class: "summary" }, bi(person.description_en, person.description_ar)),
      person.note_en && h("p", { class: "note" }, bi(person.note_en, person.note_ar)),
      h("p", { class: "grade" }, grades(person)),
      citationList(person.citations, sources),
      h(
        "p",
        null,
        h("a", { href: link(["timeline"], { participant: person.id }) }, t("onTimeline")),
      ),
    ),
    person.titles.length > 0 &&
      section(
        "titles",
        t("titles"),
        h(
          "ul",
          { class: "cards titles" },
          person.titles.map((title) =>
            h(
              "li",
              { class: `card title${title.preferred ? " preferred" : ""}` },
              h("h3", null, bi(title.title_en, title.title_ar)),
              h(
                "p",
                { class: "grade" },
                h(
                  "span",
                  { class: "reading" },
                  title.preferred ? t("preferred") : t("otherReading"),
                ),
                " ",
                grades(title),
              ),
              title.note_en && h("p", { class: "note" }, bi(title.note_en, title.note_ar)),
              citationList(title.citations, sources),
            ),
          ),
        ),
      ),
    person.aliases.length > 0 &&
      section(
        "aliases",
        t("aliases"),
        h(
          "ul",
          { class: "cards aliases" },
          person.aliases.map((alias) =>
            h(
              "li",
              { class: "card alias", "data-alias": alias.alias },
              h("h3", null, inLanguage(alias.language, alias.alias)),
              h("p", { class: "grade" }, grades(alias)),
              citationList(alias.citations, sources),
            ),
          ),
        ),
      ),
    meetings.length > 0 &&
      section(
        "meetings",
        t("meetings"),
        h(
          "ul",
          { class: "cards meetings" },
          meetings.map((meeting) => {
            const round = meeting.round;
            const href = meetingLink(round, `participant-${person.id}`);
            return h(
              "li",
              { class: "card", "data-round-id": round.id },
              h("h3", null, h("a", { href }, bi(round.name_en, round.name_ar))),
              h(
                "p",
                null,
                dateElement({ precision: round.date_precision, date: round.start_date }),
                " · ",
                label("role", meeting.role),
              ),
              meeting.role_note_en &&
                h("p", { class: "note" }, bi(meeting.role_note_en, meeting.role_note_ar)),
              h("p", { class: "grade" }, grades(meeting)),
              citationList(meeting.citations, sources),
            );
          }),
        ),
      ),
    person.statements.length > 0 &&
      section(
        "statements",
        t("statements"),
        h(
          "ul",
          { class: "cards statements" },
          person.statements.map((statement) => statementCard(statement, sources)),
        ),
      ),
  );
  return { title: name, content };
}

/**
 * @param {StatementPublic} statement
 * @param {Map<string, SourcePublic>} sources
 */
function statementCard(statement, sources) {
  const round = statement.round;
  return h(
    "li",
    { class: "card statement", "data-statement-id": statement.id },
    h("p", { class: "gist" }, bi(statement.gist_en, statement.gist_ar)),
    h(
      "p",
      null,
      dateElement({
        precision: statement.date_precision,
        date: statement.statement_date,
        earliest: statement.earliest_date,
        latest: statement.latest_date,
      }),
      round &&
        round.number && [
          " · ",
          h("a", { href: link(["round", String(round.number)]) }, bi(round.name_en, round.name_ar)),
        ],
    ),
    statement.date_note_en &&
      h("p", { class: "date-note" }, bi(statement.date_note_en, statement.date_note_ar)),
    statement.note_en && h("p", { class: "note" }, bi(statement.note_en, statement.note_ar)),
    h("p", { class: "grade" }, grades(statement)),
    citationList(statement.citations, sources),
  );
}
