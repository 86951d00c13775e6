// The projector: the room in large type for everyone in the room to see. It has no controls;
// the host decides from their own device whether the join code is shown.
import { announce, showError } from "./announce.js";
import { showText, textFor } from "./card-text.js";
import { describeChange, nameOf } from "./changes.js";
import { connect } from "./connection.js";
import { addTicket } from "./invite.js";
import { t } from "./strings.js";
import { endSummary, turnSentence } from "./table.js";
import { mountVoice } from "./voice.js";
import { keepAwake } from "./wakelock.js";

/** Elements of our own page by id (form controls among them). @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const code = $("screen").dataset.code;
const key = new URLSearchParams(window.location.search).get("key") || "";
const names = new Map();
let current = null;
let watched = false;

const { ask } = connect({
  onStatus: async (status) => {
    $("connection").hidden = status === "connected";
    $("connection").textContent = t("ui.connection.reconnecting");
    if (status !== "connected") return;
    const ack = await ask("watch", { code, screen_key: key, language: document.documentElement.lang });
    if (!ack.ok) {
      showError(ack.error.message);
      return;
    }
    addTicket(document, ack.join_ticket);
    // The hall left voice when this screen's connection dropped: it joins again first, so the
    // snapshot of the moment does not end its voice here.
    if (watched) await voice.reconnected();
    watched = true;
    show(ack.snapshot);
  },
  onEvent: (name, data) => {
    if (name === "room_state") show(data);
    if (name === "voice_signal") voice.signal(data);
    if (name === "screen_key_renewed") showError(t("ui.screen.key_renewed"));
    if (name === "reaction") announce(t(`ui.reactions.said_${data.reaction}`, { name: nameOf(data.seat_id, names, null) }));
  },
});

const voice = mountVoice($("voice"), { ask, announce, showError, hall: true, names });

function show(snapshot) {
  if (current && snapshot.version <= current.version) return;
  const previous = current;
  current = snapshot;
  for (const seat of snapshot.seats) names.set(seat.id, seat.name);
  $("screen-status").textContent = turnSentence(snapshot, names, null);
  const card = snapshot.card;
  $("screen-card").hidden = !card;
  if (card) {
    for (const mark of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".sense-mark"))) mark.hidden = mark.dataset.sense !== card.sense;
    $("screen-card").dataset.sense = card.sense;
    $("screen-sense-word").textContent = t(`ui.sense.${card.sense}`);
    $("screen-kind").textContent = [t(`ui.card.kind_${card.kind}`), card.depth ? t(`ui.card.depth_${card.depth}`) : ""]
      .filter(Boolean)
      .join(" · ");
    $("screen-typed").lang = snapshot.settings.language;
    showText({ question: $("screen-question"), followUp: $("screen-follow-up") }, textFor(card, card.language), t);
    // The host's second language, under the room's, where the card has a text in it.
    const second = snapshot.settings.second_language;
    const under = second && second !== card.language && card.texts[second] ? textFor(card, second) : null;
    $("screen-second").hidden = !under;
    if (under) showText({ question: $("screen-second-question"), followUp: $("screen-second-follow-up") }, under, t);
    $("screen-typed").replaceChildren(
      ...card.typed_answers.map((answer) => {
        const item = document.createElement("li");
        item.textContent = `${nameOf(answer.seat_id, names, null)}: ${answer.text}`;
        return item;
      }),
    );
  }
  $("screen-join").hidden = !snapshot.show_join || snapshot.phase === "ended";
  $("screen-players").replaceChildren(
    ...snapshot.seats
      .filter((seat) => seat.role !== "spectator")
      .map((seat) => {
        const item = document.createElement("li");
        item.textContent = seat.name;
        item.classList.toggle("is-waited-on", snapshot.turn?.waiting_on === seat.id);
        item.classList.toggle("is-away", seat.away || !seat.connected);
        return item;
      }),
  );
  $("screen-ended").hidden = snapshot.phase !== "ended";
  $("screen-ended-summary").textContent = endSummary(snapshot.played);
  if (previous) {
    const said = snapshot.changes.map((change) => describeChange(change, snapshot, names, null)).filter(Boolean);
    if (said.length) announce(said.join(" "));
  }
  voice.update(snapshot);
  keepAwake(snapshot.phase !== "ended");
  fit();
}

/** Shrink the card's text until the whole screen fits the projector without scrolling. */
function fit() {
  const cardBox = $("screen-card");
  const text = cardBox.querySelector(".card-text");
  const root = document.documentElement;
  let scale = 1;
  const tooBig = () => root.scrollHeight > window.innerHeight || text.scrollWidth > text.clientWidth + 1;
  text.style.setProperty("--fit", "1");
  while (!cardBox.hidden && tooBig() && scale > 0.4) {
    scale -= 0.05;
    text.style.setProperty("--fit", String(scale));
  }
}

window.addEventListener("resize", fit);
