// The page's texts in its language, put in the page by the server (see templates/macros.html).
const strings = JSON.parse(document.getElementById("strings")?.textContent || "{}");

/** The text for `key` with `{name}` placeholders filled in; the key itself if it is missing. */
export function t(key, params = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}
