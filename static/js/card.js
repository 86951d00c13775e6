// The card on the table: sense (colour, icon, word), kind and depth, the question and its
// follow-up. A newly drawn card is revealed with a short turn (a plain change when the reader
// prefers reduced motion, see base.css); a long question is scaled down until the whole card
// fits above the dock, never below 0.9rem, and never by breaking a word (a card still too tall
// then gets a compact head).
import { languageOf, showText, textFor } from "./card-text.js";
import { nameOf } from "./changes.js";
import { t } from "./strings.js";

const MIN_FIT = 0.5625; // 1.6rem × 0.5625 = 0.9rem: never smaller than that (16px at 100% text)
const STEP = 0.05;

/** Mount on the card section `root`; returns `update(snapshot, names, me)` and `fit()`. */
export function mountCard(root) {
  const find = (selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  const text = find(".card-text");
  const question = find(".card-question");
  const followUp = find(".card-follow-up");
  const note = find(".card-language-note");
  let shownKey = null;

  /** Shrink the text until every word fits its line and the card ends above the dock; if the
   *  card is still too tall at the smallest size, its head goes compact (a smaller sense word,
   *  so "read aloud" shares its line) and the text is fitted again. */
  function fit() {
    if (root.hidden) return;
    const dock = document.getElementById("dock");
    const limit = dock ? dock.getBoundingClientRect().top : window.innerHeight;
    // Layout boxes, not getBoundingClientRect: the reveal's transform must not count.
    const bottom = () => root.offsetTop + root.offsetHeight - window.scrollY;
    const tooWide = () => text.scrollWidth > text.clientWidth + 1;
    const shrink = () => {
      let scale = 1;
      text.style.setProperty("--fit", String(scale));
      while ((tooWide() || bottom() > limit) && scale > MIN_FIT) {
        scale = Math.max(MIN_FIT, scale - STEP);
        text.style.setProperty("--fit", String(scale));
      }
    };
    text.classList.remove("breaks");
    root.classList.remove("compact");
    shrink();
    if (bottom() > limit) {
      root.classList.add("compact");
      shrink();
    }
    // A word wider than the line even at body size (a name-like word at 200% text) may break.
    if (tooWide()) text.classList.add("breaks");
  }

  function update(snapshot, names, me) {
    const card = snapshot.card;
    root.hidden = !card;
    if (!card) {
      shownKey = null;
      return;
    }
    for (const mark of root.querySelectorAll(".sense-mark")) {
      /** @type {HTMLElement} */ (mark).hidden = /** @type {HTMLElement} */ (mark).dataset.sense !== card.sense;
    }
    root.dataset.sense = card.sense;
    find("#card-sense-word").textContent = t(`ui.sense.${card.sense}`);
    const kind = t(`ui.card.kind_${card.kind}`);
    const depth = card.depth ? t(`ui.card.depth_${card.depth}`) : "";
    find("#card-kind").textContent = [kind, depth].filter(Boolean).join(" · ");
    const drawer = names.get(card.drawn_by) || t("ui.someone");
    const mine = card.drawn_by === me ? "_you" : "";
    const chance = card.by_chance ? "_chance" : "";
    find("#card-drawn-by").textContent = t(`ui.card.drawn_by${mine}${chance}`, { name: drawer });
    // Typed answers are in whatever language their writer used: the room's is the best guess.
    find("#typed-list").lang = snapshot.settings.language;
    showText({ question, followUp, note }, textFor(card, languageOf(snapshot, me)), t);
    find("#typed-answers").hidden = card.typed_answers.length === 0;
    find("#typed-list").replaceChildren(
      ...card.typed_answers.map((answer) => {
        const item = document.createElement("li");
        const who = document.createElement("strong");
        who.textContent = `${nameOf(answer.seat_id, names, me)}: `;
        const said = document.createElement("span");
        said.textContent = answer.text;
        item.append(who, said);
        return item;
      }),
    );
    const key = `${snapshot.played.total}:${card.id}`;
    if (shownKey !== null && key !== shownKey) {
      root.classList.remove("is-revealed");
      void root.offsetWidth; // restart the reveal for the next card
    }
    if (key !== shownKey) root.classList.add("is-revealed");
    shownKey = key;
  }

  window.addEventListener("resize", fit);
  document.addEventListener("kletsborden:prefs", fit);
  return { update, fit };
}
