// The page's texts in its language, put in the page by the server from the gettext catalogues
// (see templates/macros.html and kletsborden/i18n/__init__.py client_strings).
const page = JSON.parse(document.getElementById("strings")?.textContent || "{}");
const messages = page.messages || {};
const rules = page.rules || {};

/** The plural form for `count` by the language's rule, sent as a digit per count 0..199: the
 *  gettext rules look only at n % 100 beyond that. */
function pluralForm(rule, count) {
  const table = rules[rule] || "";
  const n = Math.abs(Math.trunc(Number(count) || 0));
  return Number(table[n < table.length ? n : 100 + (n % 100)] || 0);
}

// In a right-to-left page each value is isolated (FSI … PDI, as <bdi> does), so a room code,
// a number or a Latin name keeps its own direction inside the sentence.
const isolate = document.documentElement.dir === "rtl" ? (value) => `\u2068${value}\u2069` : String;

/** The text for `key` with `{name}` placeholders filled in; the key itself if it is missing.
 *  A plural message picks its form by `params.count`. */
export function t(key, params = {}) {
  const found = messages[key];
  const text =
    found === undefined ? key : typeof found === "string" ? found : found.forms[pluralForm(found.rule, params.count)];
  return (text ?? key).replace(/\{(\w+)\}/g, (match, name) => (name in params ? isolate(params[name]) : match));
}
