// The closing reflection: three one-tap statements after the game, every one optional, with a
// Send and an equal Skip. Answers are anonymous; this device remembers that it answered.
import { t } from "./strings.js";
import { seatOf } from "./table.js";

/** Elements of our own page by id (form controls among them). @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const SYMBOLS = { agree: "✓", neutral: "○", disagree: "✗" }; // besides the word, never instead

const storageKey = (code) => `kletsborden.reflected.${code}`;

function done(code) {
  try {
    return localStorage.getItem(storageKey(code));
  } catch (error) {
    return null;
  }
}

function remember(code, how) {
  try {
    localStorage.setItem(storageKey(code), how);
  } catch (error) {
    /* storage unavailable: the server still refuses a second answer */
  }
}

function question(name, scale) {
  const fieldset = document.createElement("fieldset");
  fieldset.className = "reflect-question";
  const legend = document.createElement("legend");
  legend.textContent = t(`ui.reflect.q_${name}`);
  const options = document.createElement("div");
  options.className = "reflect-options";
  for (const answer of scale) {
    const label = document.createElement("label");
    label.className = "reflect-option";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = `reflect-${name}`;
    input.value = answer;
    input.dataset.question = name;
    const symbol = document.createElement("span");
    symbol.className = "reflect-symbol";
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = SYMBOLS[answer] || "";
    const word = document.createElement("span");
    word.textContent = t(`ui.reflect.a_${answer}`);
    label.append(input, symbol, word);
    options.append(label);
  }
  fieldset.append(legend, options);
  return fieldset;
}

/** `ask` sends an event and returns its ack; `showError`/`clearError` use the page's alert. */
export function reflection({ code, ask, showError, clearError }) {
  let built = false;

  function show(how, focus) {
    $("reflect-form").hidden = Boolean(how);
    $("reflect-thanks").hidden = how !== "sent";
    $("reflect-skipped").hidden = how !== "skipped";
    if (focus && how) $(how === "sent" ? "reflect-thanks" : "reflect-skipped").focus();
  }

  function finish(how) {
    remember(code, how);
    show(how, true);
  }

  function render(snapshot, me) {
    const seat = seatOf(snapshot, me);
    // Only who played is asked (the server refuses others with not_a_player).
    const mine = Boolean(
      snapshot.phase === "ended" && seat && snapshot.reflection.invited.includes(seat.id),
    );
    $("reflection").hidden = !mine;
    if (!mine) return;
    if (!built) {
      const { questions, scale } = snapshot.reflection;
      $("reflect-questions").replaceChildren(...questions.map((name) => question(name, scale)));
      built = true;
    }
    show(done(code), false);
  }

  $("reflect-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    const answers = {};
    for (const input of /** @type {NodeListOf<HTMLInputElement>} */ ($("reflect-questions").querySelectorAll("input:checked"))) {
      answers[input.dataset.question] = input.value;
    }
    if (!Object.keys(answers).length) {
      finish("skipped"); // nothing chosen is the same as skipping
      return;
    }
    const ack = await ask("reflect", { answers });
    if (ack.ok || ack.error.code === "already_reflected") finish("sent");
    else showError(ack.error.message || t("ui.error.generic"));
  });
  $("reflect-skip").addEventListener("click", () => {
    clearError();
    finish("skipped");
  });

  return { render };
}
