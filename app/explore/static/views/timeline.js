// The timeline: every event in date order, filtered by participant and kind through the API's
// own filters, with each date only as precise as the sources allow.

import { getAll, withQuery } from "../api.js";
import { dateElement } from "../dates.js";
import { h } from "../dom.js";
import { citationList, grades } from "../evidence.js";
import { bi, label, number, t } from "../i18n.js";
import { participants, sourcesById } from "../lookups.js";
import { link } from "../router.js";

/** @typedef {import("../types").EventPublic} EventPublic */
/** @typedef {import("../types").EventKind} EventKind */
/** @typedef {import("../types").SourcePublic} SourcePublic */
/** @typedef {import("../router.js").Route} Route */
/** @typedef {import("./view.js").Rendered} Rendered */

/** @type {EventKind[]} */
const KINDS = ["meeting", "appointment", "announcement", "statement"];

/** @param {string | null} value @returns {EventKind | null} */
function parseKind(value) {
  return KINDS.find((kind) => kind === value) ?? null;
}

/**
 * @param {Route} route
 * @returns {Promise<Rendered>}
 */
export async function render(route) {
  const participant = route.params.get("participant") || null;
  const kind = parseKind(route.params.get("kind"));
  const focus = route.params.get("focus");
  const [events, people, sources] = await Promise.all([
    /** @type {Promise<EventPublic[]>} */ (
      getAll(withQuery("/events", { participant, kind, sort: "date" }))
    ),
    participants(),
    sourcesById(),
  ]);

  const participantSelect = h(
    "select",
    { id: "filter-participant", name: "participant" },
    h("option", { value: "" }, t("filterAll")),
    people
      .map((person) => ({ id: person.id, name: bi(person.name_en, person.name_ar) }))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ id, name }) => h("option", { value: id, selected: id === participant }, name)),
  );
  const kindSelect = h(
    "select",
    { id: "filter-kind", name: "kind" },
    h("option", { value: "" }, t("filterAll")),
    KINDS.map((value) => h("option", { value, selected: value === kind }, label("kind", value))),
  );
  const filters = h(
    "form",
    { class: "filters", "aria-label": t("filtersLabel") },
    h("label", { for: "filter-participant" }, t("filterParticipant")),
    participantSelect,
    h("label", { for: "filter-kind" }, t("filterKind")),
    kindSelect,
  );
  const refilter = () => {
    location.hash = link(["timeline"], {
      participant: participantSelect.value,
      kind: kindSelect.value,
    });
  };
  participantSelect.addEventListener("change", refilter);
  kindSelect.addEventListener("change", refilter);
  // The page forbids form submission (form-action 'none'); Enter in a select changes nothing.
  filters.addEventListener("submit", (event) => event.preventDefault());

  const list = h(
    "ol",
    { class: "timeline", "data-count": events.length },
    placed(events).map((event) => eventItem(event, sources)),
  );
  const content = h(
    "div",
    { class: "view view-timeline" },
    h("h1", { tabindex: -1 }, t("timelineHeading")),
    filters,
    h(
      "p",
      { class: "count", role: "status" },
      t("eventCount", { n: number(events.length) }),
      (participant || kind) && [" · ", h("a", { href: link(["timeline"]) }, t("clearFilters"))],
    ),
    events.length ? list : h("p", { class: "empty" }, t("noEvents")),
  );
  const focused = focus ? list.querySelector(`[data-event-id="${CSS.escape(focus)}"]`) : null;
  focused?.classList.add("focused");
  return {
    title: t("timeline"),
    content,
    focus: /** @type {HTMLElement | null} */ (focused),
  };
}

/**
 * The events where a reader looks for them: each by the first day it may fall on, and a window
 * open at its start ("on or before 10 April") by the day that bounds it, after what that day is
 * known to hold. The API lists open windows first, since they may be the earliest of all; on a
 * timeline that would put a remark of April above February's meetings.
 * @param {EventPublic[]} events in the API's date order
 */
export function placed(events) {
  /** @param {EventPublic} event */
  const day = (event) => event.earliest_date ?? event.latest_date ?? event.event_date ?? "9999";
  return events
    .map((event, index) => ({ event, index, open: !event.earliest_date && !!event.latest_date }))
    .sort(
      (a, b) =>
        day(a.event).localeCompare(day(b.event)) ||
        Number(a.open) - Number(b.open) ||
        a.index - b.index,
    )
    .map(({ event }) => event);
}

/**
 * @param {EventPublic} event
 * @param {Map<string, SourcePublic>} sources
 */
function eventItem(event, sources) {
  const round = event.round;
  const title = bi(event.title_en, event.title_ar);
  const summary = bi(event.summary_en, event.summary_ar);
  const roundHref = round?.number ? link(["round", String(round.number)]) : null;
  return h(
    "li",
    {
      class: `event event-${event.kind}`,
      id: `event-${event.id}`,
      "data-event-id": event.id,
      "data-kind": event.kind,
      tabindex: -1,
    },
    h(
      "div",
      { class: "event-when" },
      dateElement({
        precision: event.date_precision,
        date: event.event_date,
        earliest: event.earliest_date,
        latest: event.latest_date,
      }),
      h("span", { class: `kind kind-${event.kind}` }, label("kind", event.kind)),
    ),
    h(
      "div",
      { class: "event-body" },
      h(
        "h2",
        { class: "event-title" },
        event.kind === "meeting" && roundHref ? h("a", { href: roundHref }, title) : title,
      ),
      summary && h("p", null, summary),
      event.kind !== "meeting" &&
        round &&
        h(
          "p",
          { class: "event-round" },
          roundHref
            ? h("a", { href: roundHref }, bi(round.name_en, round.name_ar))
            : bi(round.name_en, round.name_ar),
        ),
      event.participants.length > 0 &&
        h(
          "p",
          { class: "who" },
          h("span", { class: "visually-hidden" }, `${t("participantsLabel")}: `),
          event.participants.map((person, index) => [
            index > 0 && t("listSeparator"),
            h("a", { href: link(["participant", person.id]) }, bi(person.name_en, person.name_ar)),
          ]),
        ),
      event.date_precision !== "day" &&
        event.date_note_en &&
        h(
          "p",
          { class: "date-note" },
          h("span", { class: "note-label" }, `${t("dateNoteLabel")}: `),
          bi(event.date_note_en, event.date_note_ar),
        ),
      h("p", { class: "grade" }, grades(event)),
      citationList(event.citations, sources),
    ),
  );
}
