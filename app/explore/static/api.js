// The only way the explorer reads data: GET requests to the public API on this origin.

/** @typedef {import("./types").Problem} Problem */

const API = "/api/v1";
// Up to this many items in one request; the lists here are far shorter.
const PAGE = 500;

/** An answer other than 2xx, with the API's problem+json `detail` when there is one. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} detail
   */
  constructor(status, detail) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
  }
}

// The data is read-only and versioned, so each answer is kept for the life of the page: going
// back, or switching language, does not ask again. Failed requests are forgotten.
/** @type {Map<string, Promise<unknown>>} */
const cache = new Map();

/**
 * @param {Response} response
 * @returns {Promise<ApiError>}
 */
async function problemOf(response) {
  try {
    const problem = /** @type {Partial<Problem>} */ (await response.json());
    if (typeof problem.detail === "string") return new ApiError(response.status, problem.detail);
  } catch {
    // Not JSON (a proxy's error page, say): the status line is all there is.
  }
  return new ApiError(response.status, `${response.status} ${response.statusText}`.trim());
}

/**
 * @param {string} path under /api/v1, with its query string
 * @param {AbortSignal} [signal]
 * @returns {Promise<unknown>}
 */
async function fetchJSON(path, signal) {
  const response = await fetch(`${API}${path}`, {
    headers: { Accept: "application/json" },
    signal,
  });
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

/**
 * The JSON at `path`; the caller names its type, which is the API's contract for that path.
 * @template T
 * @param {string} path under /api/v1, with its query string
 * @returns {Promise<T>}
 */
export function get(path) {
  let answer = cache.get(path);
  if (!answer) {
    answer = fetchJSON(path);
    cache.set(path, answer);
    answer.catch(() => cache.delete(path));
  }
  return /** @type {Promise<T>} */ (answer);
}

/**
 * Every item of a list, following the pages when there are more than fit in one.
 * @template T
 * @param {string} path under /api/v1, without limit or offset
 * @returns {Promise<T[]>}
 */
export async function getAll(path) {
  const separator = path.includes("?") ? "&" : "?";
  /** @type {T[]} */
  const items = [];
  for (let offset = 0; ; offset += PAGE) {
    /** @type {import("./types").Page<T>} */
    const page = await get(`${path}${separator}limit=${PAGE}&offset=${offset}`);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

/**
 * Uncached, and abandoned when `signal` aborts: for search, where each keystroke replaces the
 * last question.
 * @template T
 * @param {string} path
 * @param {AbortSignal} signal
 * @returns {Promise<T>}
 */
export async function getFresh(path, signal) {
  return /** @type {T} */ (await fetchJSON(path, signal));
}

/**
 * A path with its query string; empty values are left out.
 * @param {string} path
 * @param {Record<string, string | number | null | undefined>} query
 */
export function withQuery(path, query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
