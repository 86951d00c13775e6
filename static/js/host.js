// Starting a session: send the facilitator's settings, keep the host seat, open the room.
import { clearError, showError } from "./announce.js";
import { saveSeat } from "./seat.js";
import { t } from "./strings.js";

const form = /** @type {HTMLFormElement} */ (document.getElementById("create-room"));
// Only for logged-in facilitators: the editions, the planned duration and the cards to leave out.
const planning = document.getElementById("card-picker") !== null;

/** Shows only the cards that can be drawn with the chosen editions, language, decks and depth;
 * returns the checkboxes of the chosen editions. A ticked card that is hidden by the decks or
 * the depth stays left out, in case they change in the lobby. */
function cardChoices() {
  const data = new FormData(form);
  const editions = new Set(data.getAll("editions"));
  const senses = new Set(data.getAll("senses"));
  const maxDepth = Number(data.get("max_depth"));
  const language = String(data.get("language"));
  const chosen = [];
  for (const choice of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll(".card-choice"))) {
    const { edition, sense, depth, languages } = choice.dataset;
    const visible =
      editions.has(edition) &&
      senses.has(sense) &&
      Number(depth) <= maxDepth &&
      languages.split(" ").includes(language);
    choice.hidden = !visible;
    if (visible) {
      const label = choice.querySelector("label");
      label.textContent = label.dataset[`text${language[0].toUpperCase()}${language.slice(1)}`];
      label.removeAttribute("lang");
      if (language !== document.documentElement.lang) label.lang = language;
    }
    if (editions.has(edition)) chosen.push(choice.querySelector("input"));
  }
  for (const group of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll(".card-picker-depth, .card-picker-sense"))) {
    group.hidden = !group.querySelector(".card-choice:not([hidden])");
  }
  return chosen;
}

function excludedCards() {
  return cardChoices().filter((box) => box.checked).map((box) => box.value);
}

function showExcludedCount() {
  document.getElementById("excluded-count").textContent = t("ui.plan.excluded_count", {
    count: excludedCards().length,
  });
}

if (planning) {
  form.addEventListener("change", showExcludedCount);
  showExcludedCount();
}

function settingsFrom(data) {
  const timer = data.get("turn_timer_seconds");
  const maxPlayers = data.get("max_players");
  const settings = {
    language: data.get("language"),
    senses: data.getAll("senses"),
    max_depth: Number(data.get("max_depth")),
    answering: data.get("answering"),
    typed_answers: data.get("typed_answers") === "on",
    draft_languages: data.get("draft_languages") === "on",
    second_language: data.get("second_language") || null,
    turn_timer_seconds: timer ? Number(timer) : null,
    max_players: maxPlayers ? Number(maxPlayers) : null,
    play_mode: data.get("play_mode"),
  };
  if (planning) {
    const minutes = data.get("planned_minutes");
    settings.editions = data.getAll("editions");
    settings.planned_minutes = minutes ? Number(minutes) : null;
    settings.excluded_cards = excludedCards();
  }
  return settings;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearError();
  const data = new FormData(form);
  const body = {
    name: data.get("name"),
    takes_turns: data.get("takes_turns") === "on",
    settings: settingsFrom(data),
  };
  if (planning) {
    body.label = data.get("label") || null;
    body.template = data.get("template") || null;
  }
  const lang = document.documentElement.lang;
  let answer;
  try {
    const response = await fetch(`/api/rooms?lang=${lang}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    answer = await response.json();
  } catch (error) {
    answer = { ok: false, error: { message: form.dataset.offline } };
  }
  if (!answer.ok) {
    showError(answer.error.message);
    const field = answer.error.code === "invalid_name" ? "host-name" : null;
    if (field) document.getElementById(field).focus();
    return;
  }
  saveSeat(answer.code, { token: answer.token, seat_id: answer.seat_id });
  window.location.href = `/play/${answer.code}`;
});
