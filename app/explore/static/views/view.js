// What every view gives the main module to put on the page.

/**
 * @typedef {object} Rendered
 * @property {string} title for the document title
 * @property {Node} content the whole view, built before it replaces the last one
 * @property {HTMLElement | null} [focus] what to bring into view when only the query changed,
 *   e.g. the chosen passage in the reader; otherwise the view's heading takes focus
 */

export {};
