// The play page: join a room, follow its snapshots, and send what this player does.
import { announce, clearError, showError } from "./announce.js";
import { mountCard } from "./card.js";
import { chosenLanguage, rememberLanguage, showChosen } from "./card-language.js";
import { languageOf, spoken, textFor } from "./card-text.js";
import { describeChange, nameOf } from "./changes.js";
import { connect } from "./connection.js";
import { addTicket } from "./invite.js";
import { reactionTally } from "./reactions.js";
import { reflection } from "./reflection.js";
import { deviceId, forgetSeat, saveSeat, savedSeat } from "./seat.js";
import { canSpeak, speak, stopSpeaking, voiceFor } from "./speech.js";
import { t } from "./strings.js";
import { actorFor, leads, render, seatOf, turnSentence } from "./table.js";
import { mountSheets } from "./sheets.js";
import { topicTools } from "./topic.js";
import { mountVoice } from "./voice.js";
import { keepAwake } from "./wakelock.js";

/** Elements of our own page by id (form controls among them). @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const root = $("play");
const code = root.dataset.code;
const pageLanguage = document.documentElement.lang;

const game = { snapshot: null, seat: null, names: new Map(), clockOffset: 0, lastCard: null, entered: false };
let wasConnected = false;
let kicked = false;
let seated = false; // this page has its seat (joined or rejoined) on the current connection

const { ask, socket } = connect({ onStatus, onEvent });
const topic = topicTools({ code, act, announce, focusStatus });
const closing = reflection({ code, ask, showError, clearError });
const card = mountCard($("card"));
const sheets = mountSheets($("game"));
const voice = mountVoice($("voice"), { ask, announce, showError, names: game.names });
const reactions = reactionTally({
  show: (text) => {
    $("reaction-feed").textContent = text;
  },
  say: (text) => {
    if (!window.kletsbordenPrefs().quietReactions) announce(text);
  },
});

/** While the seat is not back, every control that would send something is disabled, and the
 *  dock says why; nothing tapped then is kept to be sent later. */
function setSeated(on) {
  seated = on;
  $("offline-note").hidden = on || kicked;
  const controls = /** @type {NodeListOf<HTMLInputElement>} */ ($("game").querySelectorAll(
    "#dock button, #dock select, #table-sheet button, #table-sheet input, #more-sheet button, " +
      "#more-sheet input, #more-sheet select, #more-sheet textarea",
  ));
  for (const control of controls) {
    if (control.closest(".dock-nav") || control.matches("[data-sheet-close], [data-display-open]")) continue;
    control.disabled = !on;
  }
}

// --- connection and joining -----------------------------------------------------------------

function onStatus(status) {
  const banner = $("connection");
  if (status === "connected") {
    banner.hidden = true;
    if (wasConnected) announce(t("ui.connection.back"));
    wasConnected = true;
    enter();
  } else if (seated || (banner.hidden && !kicked && $("moved").hidden)) {
    setSeated(false);
    if (!banner.hidden || kicked || !$("moved").hidden) return;
    banner.textContent = t("ui.connection.reconnecting");
    banner.hidden = false;
    announce(t("ui.connection.reconnecting"));
  }
}

async function enter() {
  const saved = savedSeat(code);
  if (!saved) {
    showJoinForm();
    return;
  }
  const ack = await ask("join", { code, token: saved.token, language: chosenLanguage(pageLanguage) });
  if (ack.ok) {
    addTicket(document, ack.join_ticket);
    const firstEntry = !game.entered; // (a room_state may have come before this ack)
    game.entered = true;
    game.seat = ack.seat_id;
    $("join-panel").hidden = true;
    setSeated(true);
    apply(ack.snapshot, true);
    topic.take(ack.lead_view, { quiet: true });
    if (firstEntry) focusStatus(); // after a reload, focus starts at the status
    else voice.reconnected();
    return;
  }
  if (ack.error.code === "invalid_token" || ack.error.code === "kicked") forgetSeat(code);
  if (ack.error.code === "kicked") {
    showKicked();
    return;
  }
  showError(ack.error.message);
  showJoinForm();
}

/** Removed by a host: say so, and offer the way home. */
function showKicked() {
  kicked = true;
  voice.close();
  $("game").hidden = true;
  $("join-panel").hidden = true;
  $("connection").hidden = true;
  $("kicked").hidden = false;
  $("kicked").focus();
}

function showJoinForm() {
  $("join-panel").hidden = false;
  $("game").hidden = true;
}

$("join-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearError();
  const input = $("join-name");
  const ticket = root.dataset.ticket || undefined;
  const language = chosenLanguage(pageLanguage);
  const ack = await ask("join", { code, name: input.value, ticket, language, device: deviceId() });
  if (ack.ok === false && ack.error.code === "kicked") {
    showKicked();
    return;
  }
  if (!ack.ok) {
    input.setAttribute("aria-invalid", "true");
    showError(ack.error.message);
    input.focus();
    return;
  }
  input.removeAttribute("aria-invalid");
  saveSeat(code, { token: ack.token, seat_id: ack.seat_id });
  addTicket(document, ack.join_ticket);
  game.entered = true; // a reconnection later takes the seat back (and voice) without moving focus
  game.seat = ack.seat_id;
  $("join-panel").hidden = true;
  setSeated(true);
  apply(ack.snapshot, true);
  topic.take(ack.lead_view, { quiet: true });
  focusStatus();
});

// --- following the room ---------------------------------------------------------------------

function onEvent(name, data) {
  if (name === "room_state") apply(data);
  if (name === "lead_view" && data.code === code) topic.take(data);
  if (name === "reaction") showReaction(data);
  if (name === "voice_signal") voice.signal(data);
  if (name === "kicked") {
    kicked = true;
    forgetSeat(code);
    socket.disconnect();
    showKicked();
  }
  if (name === "seat_moved") {
    // This seat is now used in another window or device; reconnecting here would take it back.
    voice.close();
    socket.disconnect();
    $("game").hidden = true;
    $("moved").hidden = false;
    $("moved-continue").focus();
  }
}

$("moved-continue").addEventListener("click", () => {
  $("moved").hidden = true;
  socket.connect();
});

/** Draw a newer snapshot. `seatChanged` re-draws one of the same version for a new seat: the
 *  server broadcasts a join before acknowledging it, so the page saw it while still seatless. */
function apply(snapshot, seatChanged = false) {
  const known = game.snapshot?.version ?? -1;
  if (snapshot.version < known || (snapshot.version === known && !seatChanged)) return;
  const previous = snapshot.version === known ? null : game.snapshot;
  const ledBefore = Boolean(game.snapshot && leads(game.snapshot, game.seat));
  const focused = document.activeElement;
  const focusInGame = focused instanceof HTMLElement && $("game").contains(focused);
  for (const seat of snapshot.seats) game.names.set(seat.id, seat.name);
  game.snapshot = snapshot;
  game.clockOffset = snapshot.server_time - Date.now() / 1000;
  $("game").hidden = snapshot.phase === "ended";
  render(snapshot, game.names, game.seat, { onHostAction });
  card.update(snapshot, game.names, game.seat);
  voice.update(snapshot, game.seat);
  topic.render(snapshot, game.names, game.seat);
  closing.render(snapshot, game.seat);
  if (previous) $("whats-happening-answer").hidden = true; // it told how things were; ask again
  $("table-flag").hidden = $("lead-notice").hidden;
  $("table-flag").textContent = $("lead-notice").hidden ? "" : "!";
  if (snapshot.phase === "ended") sheets.close(false);
  window.requestAnimationFrame(card.fit);
  // The control someone was using went away (a pause, a host's toggle, the end): focus moves
  // to where the page says what happens now, and the change itself is announced below.
  const stillThere = focusInGame && focused.checkVisibility() && !focused.matches(":disabled");
  if (focusInGame && (document.activeElement !== focused || !stillThere)) {
    if (stillThere) focused.focus({ preventScroll: true }); // moved between dock and "Meer"
    else if (snapshot.phase === "ended") $("ended").focus({ preventScroll: true });
    else if (focused.closest(".sheet.is-open")) focused.closest(".sheet")?.querySelector("h2")?.focus();
    else focusStatus();
  }
  if (previous) {
    const said = snapshot.changes
      .map((change) => describeChange(change, snapshot, game.names, game.seat))
      .filter(Boolean);
    if (said.length) announce(said.join(" "));
  }
  readNewCard(snapshot);
  updateTimer();
  keepAwake(snapshot.phase === "playing");
  if (leads(snapshot, game.seat)) ensureScreenLink();
  if (previous && !ledBefore && leads(snapshot, game.seat)) catchUpAsLead();
  const justEnded = previous && previous.phase !== "ended" && snapshot.phase === "ended";
  if (justEnded && leads(snapshot, game.seat)) catchUpAsLead(); // its report link
}

/** Someone who starts to lead learns what only hosts see from the state they are given. */
async function catchUpAsLead() {
  const ack = await ask("get_state");
  if (ack.ok) topic.take(ack.lead_view, { quiet: true });
}

function showReaction({ seat_id: seatId, reaction }) {
  if (seatId === game.seat) {
    $("reaction-feed").textContent = t("ui.reactions.you_said", { reaction: t(`ui.reactions.${reaction}`) });
    return;
  }
  reactions.add(nameOf(seatId, game.names, game.seat), reaction);
}

// --- reading aloud --------------------------------------------------------------------------

/** The card on the table as this person reads it. */
function myText(snapshot) {
  return textFor(snapshot.card, languageOf(snapshot, game.seat));
}

function readCard() {
  const card = game.snapshot?.card;
  if (!card) return;
  const text = myText(game.snapshot);
  $("no-voice").hidden = Boolean(voiceFor(text.language));
  $("stop-reading").hidden = false;
  speak(spoken(text), text.language, {
    onEnd: () => {
      $("stop-reading").hidden = true;
    },
  });
}

function readNewCard(snapshot) {
  const card = snapshot.card;
  const key = card ? `${snapshot.played.total}:${card.id}` : null;
  const isNew = key && key !== game.lastCard;
  game.lastCard = key;
  if (isNew && window.kletsbordenPrefs().autoRead) readCard();
}

$("read-aloud").hidden = !canSpeak();
$("read-aloud").addEventListener("click", readCard);
$("stop-reading").addEventListener("click", () => {
  stopSpeaking();
  $("stop-reading").hidden = true;
  $("read-aloud").focus();
});

// --- the timer (only when the host set one; anyone may ask for more time) --------------------

function updateTimer() {
  const snapshot = game.snapshot;
  const deadline = snapshot?.turn?.deadline;
  const running = snapshot?.phase === "playing" && !snapshot.paused && deadline;
  $("timer").hidden = !running;
  if (!running) return;
  const now = Date.now() / 1000 + game.clockOffset;
  const seconds = Math.max(0, Math.round(deadline - now));
  const minutes = Math.floor(seconds / 60);
  $("timer-text").textContent = t("ui.play.time_left", {
    time: `${minutes}:${String(seconds % 60).padStart(2, "0")}`,
  });
}

window.setInterval(updateTimer, 1000);

// --- what this player does ------------------------------------------------------------------

/** A move of the turn: for a seat without a device when this host plays it for them. */
function turnAct(event, payload = {}, focusTarget = null) {
  const actor = game.snapshot ? actorFor(game.snapshot, game.seat) : game.seat;
  const forSeat = actor && actor !== game.seat ? { for_seat: actor } : {};
  return act(event, { ...payload, ...forSeat }, focusTarget);
}

/** Send `event`; show the error if it fails, else optionally move focus (only for the actor). */
async function act(event, payload = {}, focusTarget = null) {
  clearError();
  if (!seated) {
    showError(t("ui.connection.offline_refused"));
    return false;
  }
  const ack = await ask(event, payload);
  if (!ack.ok) {
    showError(ack.error.message || t("ui.error.generic"));
    return false;
  }
  if (focusTarget) focusTarget();
  return true;
}

function focusStatus() {
  $("turn-status").tabIndex = -1;
  $("turn-status").focus({ preventScroll: true });
}

function focusCard() {
  $("card-question").tabIndex = -1;
  $("card-question").focus({ preventScroll: true });
}

for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-draw]"))) {
  button.addEventListener("click", () =>
    turnAct("draw_card", button.dataset.draw ? { sense: button.dataset.draw } : {}, focusCard),
  );
}
$("skip-own-turn").addEventListener("click", () => turnAct("finish_turn", {}, focusStatus));
$("finish").addEventListener("click", () => turnAct("finish_turn", {}, focusStatus));
$("pass").addEventListener("click", () => turnAct("pass_card", {}, focusStatus));
$("hand-form").addEventListener("submit", (event) => {
  event.preventDefault();
  turnAct("hand_card", { to: $("hand-to").value }, focusStatus);
});
$("type-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (await turnAct("type_answer", { text: $("type-text").value })) {
    $("type-text").value = "";
    announce(t("ui.actions.typed_sent"));
  }
});
$("extend-timer").addEventListener("click", () => turnAct("extend_timer"));
showChosen(chosenLanguage(pageLanguage));
$("card-language").addEventListener("change", async () => {
  const language = $("card-language").value;
  rememberLanguage(language, pageLanguage);
  const ack = await ask("set_language", { language });
  if (!ack.ok) showError(ack.error.message);
});
for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-react]"))) {
  button.addEventListener("click", () => act("react", { reaction: button.dataset.react }));
}
$("whats-happening").addEventListener("click", () => {
  const snapshot = game.snapshot;
  if (!snapshot) return;
  const parts = [turnSentence(snapshot, game.names, game.seat)];
  if (snapshot.card) {
    parts.push(t("ui.said.card", { sense: t(`ui.sense.${snapshot.card.sense}`), question: spoken(myText(snapshot)) }));
  }
  const people = snapshot.seats.map((seat) => {
    const name = seat.id === game.seat ? t("ui.players.me", { name: seat.name }) : seat.name;
    return seat.away || !seat.connected ? t("ui.said.person_away", { name }) : name;
  });
  parts.push(t("ui.said.people", { names: people.join(", ") }));
  const answer = parts.join(" ");
  $("whats-happening-answer").textContent = answer; // seen, not only heard
  $("whats-happening-answer").hidden = false;
  announce(answer);
});
$("leave").addEventListener("click", async () => {
  if (!window.confirm(t("ui.play.leave_confirm"))) return;
  if (await act("leave")) {
    forgetSeat(code);
    window.location.href = "/";
  }
});

// --- leading the session (hosts and co-hosts) -----------------------------------------------

$("start-game").addEventListener("click", () => act("start_game", {}, focusStatus));
$("pause-game").addEventListener("click", () => act("set_paused", { paused: true }));
$("resume-game").addEventListener("click", () => act("set_paused", { paused: false }));
$("skip-player").addEventListener("click", () => {
  const seatId = $("skip-player").dataset.seat;
  const name = seatOf(game.snapshot, seatId)?.name || "";
  if (window.confirm(t("ui.host_panel.skip_confirm", { name }))) act("skip_player", { seat_id: seatId });
});
$("lock-room").addEventListener("click", () => act("set_locked", { locked: true }));
$("unlock-room").addEventListener("click", () => act("set_locked", { locked: false }));
$("toggle-join-on-screen").addEventListener("click", () =>
  act("set_show_join", { show: !game.snapshot.show_join }),
);
for (const choice of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("[name=play_mode]"))) {
  choice.addEventListener("change", () => act("change_settings", { settings: { play_mode: choice.value } }));
}
$("host-plays").addEventListener("change", () =>
  act("set_takes_turns", { seat_id: game.seat, takes_turns: $("host-plays").checked }),
);
$("add-player-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearError();
  const input = $("add-player-name");
  const ack = await ask("add_player", { name: input.value });
  if (!ack.ok) {
    input.setAttribute("aria-invalid", "true");
    showError(ack.error.message || t("ui.error.generic"));
    input.focus();
    return;
  }
  input.removeAttribute("aria-invalid");
  input.value = "";
});
$("end-game").addEventListener("click", () => {
  if (window.confirm(t("ui.host_panel.end_confirm"))) act("end_game", {}, () => $("ended").focus({ preventScroll: true }));
});

function onHostAction(action, seatId) {
  const name = seatOf(game.snapshot, seatId)?.name || "";
  if (action === "kick") {
    if (window.confirm(t("ui.players.kick_confirm", { name }))) act("kick", { seat_id: seatId });
    return;
  }
  if (action === "make_host" && !window.confirm(t("ui.players.make_host_confirm", { name }))) return;
  const role = { make_host: "host", make_cohost: "cohost", make_player: "player" }[action];
  act("set_role", { seat_id: seatId, role });
}

let screenLinkAsked = false;
async function ensureScreenLink(event = "get_screen_key") {
  if (screenLinkAsked && event === "get_screen_key") return;
  screenLinkAsked = true;
  const ack = await ask(event);
  if (ack.ok) {
    const url = new URL(root.dataset.screenUrl);
    url.searchParams.set("key", ack.screen_key);
    $("screen-link").href = url.toString();
    if (event !== "get_screen_key") announce(t("ui.host_panel.screen_link_renewed"));
  } else {
    screenLinkAsked = false;
    showError(ack.error.message);
  }
}

// A new projector key: a link that went further than intended stops working at once.
$("renew-screen-link").addEventListener("click", () => ensureScreenLink("renew_screen_key"));
