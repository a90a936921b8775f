// Views live in the fragment (`#/round/2?compare=1`) and the interface language in the query
// string (`?lang=ar`), so any view can be shared, bookmarked and reloaded as it was.

/**
 * @typedef {object} Route
 * @property {string[]} path decoded segments, e.g. ["round", "2"]
 * @property {URLSearchParams} params
 */

/** @returns {Route} */
export function currentRoute() {
  const hash = location.hash.startsWith("#/") ? location.hash.slice(2) : "";
  const [pathPart, queryPart = ""] = hash.split("?", 2);
  const path = pathPart
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { path, params: new URLSearchParams(queryPart) };
}

/**
 * The fragment of a view, e.g. `link(["source", id], { span: "10-20" })`.
 * @param {string[]} path
 * @param {Record<string, string | number | null | undefined>} [query]
 */
export function link(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  return `#/${path.map(encodeURIComponent).join("/")}${text ? `?${text}` : ""}`;
}

/**
 * Where a meeting is shown: a numbered round on its page (scrolled to `focus`), any other
 * meeting on the timeline.
 * @param {{ id: string, number?: number | null }} meeting
 * @param {string | null} [focus]
 */
export function meetingLink(meeting, focus = null) {
  return meeting.number
    ? link(["round", String(meeting.number)], { focus })
    : link(["timeline"], { focus: meeting.id });
}

/** @param {Route} route */
export function routeKey(route) {
  return route.path.join("/");
}

/**
 * Move to a view without a hashchange event (the caller draws it): a new history entry, or the
 * current one replaced, as when the search box refines its question at every keystroke.
 * @param {string} fragment
 * @param {"push" | "replace"} mode
 */
export function go(fragment, mode) {
  const url = `${location.pathname}${location.search}${fragment}`;
  if (mode === "push") history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}
