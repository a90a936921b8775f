// What a citation supports, as the reader shows it. The API names a fact by its kind and a
// compound subject id ("round-2/issue/direct-flights", "participant/<id>/name_ar/<value>"), so
// the explorer resolves the leading id to a name and to the view that shows that subject.

import { getAll } from "./api.js";
import { h, inLanguage } from "./dom.js";
import { supportBadge } from "./evidence.js";
import { bi, label } from "./i18n.js";
import { rounds } from "./lookups.js";
import { link, meetingLink } from "./router.js";

/** @typedef {import("./types").CitedFact} CitedFact */
/** @typedef {import("./types").ParticipantPublic} ParticipantPublic */
/** @typedef {import("./types").IssueDetail} IssueDetail */
/** @typedef {import("./types").EventPublic} EventPublic */

/**
 * @typedef {object} Subject
 * @property {"meeting" | "participant" | "issue" | "event"} kind
 * @property {string} name_en
 * @property {string} name_ar
 * @property {number | null} [round]
 */

/** @returns {Promise<Map<string, Subject>>} */
export async function subjects() {
  const [people, issues, events, numbered] = await Promise.all([
    /** @type {Promise<ParticipantPublic[]>} */ (getAll("/participants")),
    /** @type {Promise<IssueDetail[]>} */ (getAll("/issues")),
    /** @type {Promise<EventPublic[]>} */ (getAll("/events")),
    rounds(),
  ]);
  /** @type {Map<string, Subject>} */
  const found = new Map();
  for (const event of events) {
    found.set(event.id, { kind: "event", name_en: event.title_en, name_ar: event.title_ar });
    if (event.round) {
      const { id, number, name_en, name_ar } = event.round;
      found.set(id, { kind: "meeting", name_en, name_ar, round: number });
    }
  }
  for (const round of numbered) {
    const { id, number, name_en, name_ar } = round;
    found.set(id, { kind: "meeting", name_en, name_ar, round: number });
  }
  for (const person of people) {
    found.set(person.id, { kind: "participant", name_en: person.name_en, name_ar: person.name_ar });
  }
  for (const issue of issues) {
    found.set(issue.id, { kind: "issue", name_en: issue.name_en, name_ar: issue.name_ar });
  }
  return found;
}

/**
 * The id of the subject a fact is about; for a version of a disputed fact, the value; for an
 * issue or a participant at a round, the element of the round page that shows it.
 * @param {CitedFact} fact
 * @returns {{ id: string, value: string | null, focus: string | null }}
 */
function principal(fact) {
  const parts = fact.subject_id.split("/");
  if (fact.kind === "fact_version") {
    return {
      id: parts[1] ?? fact.subject_id,
      value: parts.slice(3).join("/") || null,
      focus: null,
    };
  }
  const atRound = fact.kind === "round_issue" || fact.kind === "round_participant";
  return { id: parts[0], value: null, focus: atRound ? `${parts[1]}-${parts[2]}` : null };
}

/**
 * Where the explorer shows a subject: a round page, an issue, or the timeline.
 * @param {string} id
 * @param {Subject | undefined} subject
 * @param {string | null} [focus] an element of the round page to bring into view
 */
export function subjectLink(id, subject, focus = null) {
  if (!subject) return null;
  if (subject.kind === "meeting") return meetingLink({ id, number: subject.round }, focus);
  if (subject.kind === "participant") return link(["participant", id]);
  if (subject.kind === "issue") return link(["issue", id]);
  return link(["timeline"], { focus: id });
}

/**
 * One supported fact: its kind, its subject (linked), the disputed value if any, its grade.
 * @param {CitedFact} fact
 * @param {Map<string, Subject>} known
 */
export function factItem(fact, known) {
  const { id, value, focus } = principal(fact);
  const subject = known.get(id);
  const href = subjectLink(id, subject, focus);
  const name = subject ? bi(subject.name_en, subject.name_ar) : id;
  return h(
    "li",
    { class: "fact", "data-kind": fact.kind, "data-subject": fact.subject_id },
    h("span", { class: "fact-kind" }, label("fact", fact.kind)),
    " ",
    href ? h("a", { href }, name) : h("span", null, name),
    value && [" — ", inLanguage(/[\u0600-\u06ff]/.test(value) ? "ar" : "en", value, "q")],
    " ",
    supportBadge(fact.support, fact.source_count),
  );
}
