// Dates as precise as the sources make them and no more: a day, a month, a window between two
// days, or "unknown". ISO dates from the API are read as UTC calendar days.

import { h } from "./dom.js";
import { locale, t } from "./i18n.js";

/** @typedef {import("./types").DatePrecision} DatePrecision */

/**
 * @typedef {object} Dated
 * @property {DatePrecision} precision
 * @property {string | null | undefined} date "2025-04-10", or "2025-04" for a month
 * @property {string | null} [earliest] first possible day, when the API gives a window
 * @property {string | null} [latest] last possible day
 */

/** @param {string} iso "2025-04-10" or "2025-04" */
function utc(iso) {
  const [year, month = 1, day = 1] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** @param {Intl.DateTimeFormatOptions} options */
function formatter(options) {
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: "UTC" });
}

/** @type {Intl.DateTimeFormatOptions} */
const DAY = { day: "numeric", month: "long", year: "numeric" };
/** @type {Intl.DateTimeFormatOptions} */
const MONTH = { month: "long", year: "numeric" };

/**
 * The date in words, e.g. "10 April 2025", "May 2025", "some time 31 March – 8 April 2025".
 * @param {Dated} dated
 */
export function dateText({ precision, date, earliest, latest }) {
  const day = formatter(DAY);
  if (precision === "unknown" || !(date || earliest || latest)) return t("dateUnknown");
  if (precision === "month") {
    return formatter(MONTH).format(utc(earliest ?? /** @type {string} */ (date)));
  }
  if (precision === "approximate") {
    if (earliest && latest && earliest !== latest) {
      return t("dateWindow", { range: day.formatRange(utc(earliest), utc(latest)) });
    }
    // Said "earlier", with nothing to bound it from below.
    if (!earliest && !date && latest) return t("dateOnOrBefore", { date: day.format(utc(latest)) });
    return t("dateAbout", { date: day.format(utc(earliest ?? /** @type {string} */ (date))) });
  }
  return day.format(utc(/** @type {string} */ (date ?? earliest)));
}

/**
 * A <time> element for the date; a window keeps both ends as data attributes, since a
 * `datetime` attribute cannot name a range.
 * @param {Dated} dated
 */
export function dateElement(dated) {
  const exact = dated.precision === "day" || dated.precision === "month";
  const machine = exact ? (dated.date ?? null) : null;
  return h(
    "time",
    {
      class: `date date-${dated.precision}`,
      datetime: machine,
      "data-precision": dated.precision,
      "data-earliest": dated.earliest ?? null,
      "data-latest": dated.latest ?? null,
    },
    dateText(dated),
  );
}
