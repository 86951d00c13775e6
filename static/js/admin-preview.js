// The card form's live preview: the card as players will see it, drawn again as the admin types.
// Text only ever goes in through textContent, so nothing typed is read as HTML.
const form = /** @type {HTMLFormElement} */ (document.getElementById("card-form"));
const card = document.getElementById("preview-card");
const choice = document.getElementById("preview-choice");
const select = /** @type {HTMLSelectElement} */ (document.getElementById("preview-language"));
const question = document.getElementById("preview-question");
const followUp = document.getElementById("preview-follow-up");

/** What the server will save: line breaks and runs of spaces become one space. */
function oneLine(text) {
  return (text || "").replace(/\s+/g, " ").trim();
}

function value(name) {
  const field = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
  return field ? oneLine(field.value) : "";
}

function update() {
  const language = select.value;
  const checked = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="sense"]:checked'));
  const sense = checked?.value || "";
  card.dataset.sense = sense;
  for (const mark of /** @type {NodeListOf<HTMLElement>} */ (card.querySelectorAll(".sense-mark"))) {
    mark.hidden = mark.dataset.sense !== sense;
  }
  const text = value(`${language}-question`);
  question.lang = language;
  question.textContent = text || question.dataset.empty;
  question.classList.toggle("is-empty", !text);
  const more = value(`${language}-follow_up`);
  followUp.lang = language;
  followUp.textContent = more;
  followUp.hidden = !more;
}

if (form && card && select) {
  choice.hidden = false;
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  select.addEventListener("change", update);
  update();
}
