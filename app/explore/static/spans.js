// Cutting a source's text into runs that share the same cited and set-aside passages. Passages
// overlap and nest (a name inside the sentence that quotes it), so the text is cut at every
// passage boundary and each run knows every passage that covers it.
//
// Offsets count Unicode code points, as the API (Python) does; the text is handled as an array
// of code points so a character outside the BMP would not shift every later passage.

/** @typedef {import("./types").SourceCitationPublic} SourceCitationPublic */
/** @typedef {import("./types").UncitedSpan} UncitedSpan */

/**
 * @typedef {object} Passage
 * @property {number} start
 * @property {number} end
 * @property {SourceCitationPublic[]} citations every citation of exactly this stretch
 */

/**
 * @typedef {object} Run
 * @property {number} start
 * @property {number} end
 * @property {string} text
 * @property {Passage[]} cited covering passages, shortest first
 * @property {UncitedSpan[]} marked covering set-aside spans
 */

/** @param {{start: number, end: number}} span */
export function spanKey(span) {
  return `${span.start}-${span.end}`;
}

/**
 * Citations grouped by the stretch they quote: one passage may support several facts.
 * @param {SourceCitationPublic[]} citations
 * @returns {Passage[]}
 */
export function passages(citations) {
  /** @type {Map<string, Passage>} */
  const byKey = new Map();
  for (const citation of citations) {
    const key = spanKey(citation);
    const passage = byKey.get(key) ?? { start: citation.start, end: citation.end, citations: [] };
    passage.citations.push(citation);
    byKey.set(key, passage);
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * @param {{start: number, end: number}} a
 * @param {{start: number, end: number}} b
 */
export function overlaps(a, b) {
  return a.start < b.end && b.start < a.end;
}

/**
 * @param {string[]} chars the text as code points
 * @param {Passage[]} cited
 * @param {UncitedSpan[]} marked
 * @param {{start: number, end: number} | null} selected cut at its ends too, so it can be wrapped
 * @returns {Run[]}
 */
export function runs(chars, cited, marked, selected) {
  const cuts = new Set([0, chars.length]);
  for (const span of [...cited, ...marked, ...(selected ? [selected] : [])]) {
    cuts.add(Math.max(0, Math.min(chars.length, span.start)));
    cuts.add(Math.max(0, Math.min(chars.length, span.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  /** @type {Run[]} */
  const result = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const run = { start: points[i], end: points[i + 1] };
    result.push({
      ...run,
      text: chars.slice(run.start, run.end).join(""),
      cited: cited
        .filter((passage) => passage.start <= run.start && run.end <= passage.end)
        .sort((a, b) => a.end - a.start - (b.end - b.start)),
      marked: marked.filter((span) => span.start <= run.start && run.end <= span.end),
    });
  }
  return result;
}

/**
 * The passage chosen in the address, e.g. "116-246", when it lies within the text.
 * @param {string | null} value
 * @param {number} length
 */
export function parseSpan(value, length) {
  const match = /^(\d+)-(\d+)$/.exec(value ?? "");
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start < end && end <= length ? { start, end } : null;
}
