// Building elements from data. Text from the API only ever becomes text nodes or attribute
// values here: nothing is parsed as markup.

/** @typedef {Node | string | number | null | undefined | false | ChildList} Child */
/** @typedef {Child[]} ChildList */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Attributes */

/**
 * @param {Node} parent
 * @param {Child} child
 */
function append(parent, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const item of child) append(parent, item);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * An element with attributes (false/null/undefined leave one out, true sets it empty) and
 * children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes | null} [attributes]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

/** @param {...Child} children */
export function fragment(...children) {
  const result = document.createDocumentFragment();
  append(result, children);
  return result;
}

// Languages written right to left, by their primary BCP 47 subtag.
const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur", "ps"]);

/**
 * Text in a language other than the interface's (Arabic quotes in the English interface, an
 * English or Russian source's quote in the Arabic one), so it is read and laid out in its own
 * direction.
 * @param {string} language a BCP 47 tag
 * @param {Child} content
 * @param {keyof HTMLElementTagNameMap} [tag]
 */
export function inLanguage(language, content, tag = "span") {
  const rtl = RIGHT_TO_LEFT.has(language.split("-")[0]);
  return h(tag, { lang: language, dir: rtl ? "rtl" : "ltr" }, content);
}

/**
 * A level-2 heading and its section, labelled by it.
 * @param {string} id
 * @param {string} title
 * @param {...Child} children
 */
export function section(id, title, ...children) {
  return h(
    "section",
    { class: "panel", "aria-labelledby": `${id}-heading` },
    h("h2", { id: `${id}-heading` }, title),
    ...children,
  );
}
