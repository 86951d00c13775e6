// Drawing a room snapshot into the play page. Idempotent: the same snapshot draws the same page,
// and elements someone may be using (focused buttons, open menus, typed text) are kept, not rebuilt.
import { nameOf } from "./changes.js";
import { t } from "./strings.js";

/** Elements of our own page by id (form controls among them). @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);

function show(element, visible) {
  element.hidden = !visible;
}

export function seatOf(snapshot, seatId) {
  return snapshot.seats.find((seat) => seat.id === seatId) || null;
}

export function leads(snapshot, seatId) {
  const seat = seatOf(snapshot, seatId);
  return Boolean(seat && (seat.role === "host" || seat.role === "cohost"));
}

/** The seat whose turn controls this page shows: one's own, or, for a host or co-host, the seat
 *  without a device that the game waits on (they play it for someone without a phone). */
export function actorFor(snapshot, me) {
  const waited = snapshot.turn?.waiting_on;
  if (!waited || waited === me || !leads(snapshot, me)) return me;
  const seat = seatOf(snapshot, waited);
  return seat && !seat.has_device ? waited : me;
}

/** What the game is waiting for, in one sentence, from the point of view of `me`. */
export function turnSentence(snapshot, names, me) {
  if (snapshot.phase === "lobby") {
    return leads(snapshot, me) ? t("ui.turn.lobby_host") : t("ui.turn.lobby");
  }
  if (snapshot.phase === "ended") return t("ui.said.ended");
  if (snapshot.paused) return t("ui.play.paused");
  const turn = snapshot.turn;
  if (!turn || !turn.waiting_on) return t("ui.said.nobody_can_play");
  const mine = turn.waiting_on === me;
  const name = nameOf(turn.waiting_on, names, me);
  if (actorFor(snapshot, me) !== me) return t("ui.turn.playing_for", { name });
  if (!snapshot.card) return mine ? t("ui.turn.mine_draw") : t("ui.turn.other_draw", { name });
  if (turn.choosing) return mine ? t("ui.turn.mine_choose") : t("ui.turn.other_choose", { name });
  return mine ? t("ui.turn.mine_answer") : t("ui.turn.other_answer", { name });
}

/** What this seat can do now: the state's one primary action goes into the dock (drawing,
 *  "Klaar", choosing who answers, or reacting to someone else's card); the rest into "Meer". */
function renderActions(snapshot, names, me) {
  const turn = snapshot.turn;
  const running = snapshot.phase === "playing" && !snapshot.paused && turn;
  const actor = actorFor(snapshot, me);
  const forName = actor !== me ? names.get(actor) || t("ui.someone") : null;
  show($("playing-for"), Boolean(running && forName));
  $("playing-for").textContent = forName ? t("ui.actions.playing_for", { name: forName }) : "";
  $("draw-intro").textContent = forName
    ? t("ui.actions.choose_sense_for", { name: forName })
    : t("ui.actions.choose_sense");
  $("type-label").textContent = forName
    ? t("ui.actions.type_label_for", { name: forName })
    : t("ui.actions.type_label");
  const mine = Boolean(running && turn.waiting_on === actor);
  const card = snapshot.card;
  const drawing = mine && !card && turn.active === actor;
  show($("draw-actions"), drawing);
  show($("skip-own-turn"), drawing);
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll("[data-draw]"))) {
    const sense = button.dataset.draw;
    button.hidden = sense !== "" && !(snapshot.decks[sense] > 0);
  }
  const choosing = Boolean(mine && card && turn.choosing);
  const iLead = leads(snapshot, me);
  const answering = Boolean(mine && card && !turn.choosing && turn.answerers.includes(actor));
  show($("answer-actions"), answering);
  show($("pass"), answering || choosing);
  const canHand = Boolean(mine && card && snapshot.settings.answering !== "everyone");
  show($("hand-form"), canHand);
  if (canHand) fillHandChoices(snapshot, actor, me, turn.choosing);
  const handHome = choosing ? $("hand-slot") : $("turn-extras");
  if ($("hand-form").parentElement !== handHome) handHome.insertBefore($("hand-form"), choosing ? null : $("type-form"));
  $("hand-label").textContent = turn?.choosing ? t("ui.actions.choose_label") : t("ui.actions.hand_label");
  show($("type-form"), Boolean(answering && snapshot.settings.typed_answers));
  show($("start-game"), iLead && snapshot.phase === "lobby");
  show($("resume-game"), iLead && snapshot.phase === "playing" && snapshot.paused);
  // Reactions are the thing to do while someone else talks; while one has another next step
  // (one's turn, or starting or resuming the game as its host) they wait in "Meer".
  const acting = drawing || answering || choosing || (iLead && (snapshot.phase === "lobby" || snapshot.paused));
  show($("reactions"), snapshot.phase !== "ended");
  const reactionsHome = acting ? $("reactions-more") : $("primary");
  if ($("reactions").parentElement !== reactionsHome) reactionsHome.append($("reactions"));
}

function fillHandChoices(snapshot, actor, me, choosing) {
  const select = $("hand-to");
  const label = (seat) => {
    if (seat.id !== me) return seat.name;
    return actor === me ? t("ui.actions.myself") : t("ui.players.me", { name: seat.name });
  };
  const options = snapshot.seats
    .filter((seat) => seat.takes_turns && seat.role !== "spectator" && !seat.away)
    .filter((seat) => choosing || seat.id !== actor)
    .map((seat) => [seat.id, label(seat)]);
  const wanted = options.map(([id, label]) => `${id}:${label}`).join("|");
  if (select.dataset.options === wanted) return; // keep what someone has picked
  const picked = select.value;
  select.replaceChildren(
    ...options.map(([id, label]) => {
      const option = document.createElement("option");
      option.value = id;
      option.textContent = label;
      return option;
    }),
  );
  select.dataset.options = wanted;
  if (options.some(([id]) => id === picked)) select.value = picked;
}

function seatDescription(snapshot, seat) {
  const notes = [];
  const turn = snapshot.turn;
  if (turn && turn.waiting_on === seat.id) notes.push(t("ui.players.waiting_on"));
  if (seat.role === "host") notes.push(t("ui.players.host"));
  if (seat.role === "cohost") notes.push(t("ui.players.cohost"));
  if (seat.role === "spectator" || !seat.takes_turns) notes.push(t("ui.players.watching"));
  if (seat.has_device === false) notes.push(t("ui.players.deviceless"));
  if (seat.away) notes.push(t("ui.players.away"));
  else if (!seat.connected) notes.push(t("ui.players.disconnected"));
  return notes;
}

function renderPlayers(snapshot, me, onHostAction) {
  const list = $("player-list");
  const keep = new Set(snapshot.seats.map((seat) => seat.id));
  for (const item of [...list.children]) {
    if (!keep.has(item.dataset.seat)) item.remove();
  }
  const iLead = leads(snapshot, me);
  const iHost = seatOf(snapshot, me)?.role === "host";
  snapshot.seats.forEach((seat, index) => {
    let item = list.querySelector(`[data-seat="${CSS.escape(seat.id)}"]`);
    if (!item) {
      item = document.createElement("li");
      item.dataset.seat = seat.id;
      const name = document.createElement("span");
      name.className = "player-name";
      name.dir = "auto"; // a name keeps its own direction (a Latin name in Arabic, or back)
      const notes = document.createElement("span");
      notes.className = "player-notes";
      item.append(name, notes);
    }
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
    item.querySelector(".player-name").textContent = seat.id === me ? t("ui.players.me", { name: seat.name }) : seat.name;
    const notes = seatDescription(snapshot, seat);
    item.querySelector(".player-notes").textContent = notes.length ? ` — ${notes.join(", ")}` : "";
    item.classList.toggle("is-waited-on", snapshot.turn?.waiting_on === seat.id);
    item.classList.toggle("is-away", seat.away || !seat.connected);
    renderSeatMenu(item, seat, { show: iLead && seat.id !== me && seat.role !== "host", iHost, onHostAction });
  });
}

function renderSeatMenu(item, seat, { show: visible, iHost, onHostAction }) {
  let menu = item.querySelector("details");
  if (!visible) {
    menu?.remove();
    return;
  }
  if (!menu) {
    menu = document.createElement("details");
    menu.className = "seat-menu";
    const summary = document.createElement("summary");
    const buttons = document.createElement("div");
    buttons.className = "button-row";
    for (const action of ["make_host", "make_cohost", "make_player", "kick"]) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.action = action;
      button.addEventListener("click", () => onHostAction(action, seat.id));
      buttons.append(button);
    }
    menu.append(summary, buttons);
    item.append(menu);
  }
  menu.querySelector("summary").textContent = t("ui.players.options_for", { name: seat.name });
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (menu.querySelectorAll("button"))) {
    const action = button.dataset.action;
    button.textContent = t(`ui.players.${action}`, { name: seat.name });
    const leadable = seat.role !== "spectator" && seat.has_device !== false; // someone holds it
    button.hidden =
      (action === "make_host" && (!iHost || !leadable)) ||
      (action === "make_cohost" && (!iHost || seat.role !== "player" || !leadable)) ||
      (action === "make_player" && (!iHost || seat.role !== "cohost"));
    button.classList.toggle("danger", action === "kick");
  }
}

function renderHostPanel(snapshot, names, me) {
  const iLead = leads(snapshot, me);
  show($("host-panel"), iLead && snapshot.phase !== "ended");
  if (!iLead) return;
  const playing = snapshot.phase === "playing";
  show($("pause-game"), playing && !snapshot.paused);
  const waited = playing && !snapshot.paused ? snapshot.turn?.waiting_on : null;
  const waiting = waited !== me ? waited : null; // one's own turn is finished, not skipped
  show($("skip-player"), Boolean(waiting));
  if (waiting) {
    $("skip-player").textContent = t("ui.host_panel.skip", { name: nameOf(waiting, names, me) });
    $("skip-player").dataset.seat = waiting;
  }
  show($("lock-room"), !snapshot.locked);
  show($("unlock-room"), snapshot.locked);
  $("toggle-join-on-screen").textContent = snapshot.show_join
    ? t("ui.host_panel.hide_join")
    : t("ui.host_panel.show_join");
  $("host-plays").checked = Boolean(seatOf(snapshot, me)?.takes_turns);
  renderPlannedTime(snapshot);
}

/** The planned length of the session, for the host only: a guide, never a countdown. */
function renderPlannedTime(snapshot) {
  const minutes = snapshot.settings.planned_minutes;
  show($("planned-time"), Boolean(minutes));
  if (!minutes) return;
  if (!snapshot.started_at) {
    $("planned-time").textContent = t("ui.host_panel.planned", { minutes });
    return;
  }
  const clock = (epoch) =>
    new Date(epoch * 1000).toLocaleTimeString(document.documentElement.lang, {
      hour: "2-digit",
      minute: "2-digit",
    });
  $("planned-time").textContent = t("ui.host_panel.planned_since", {
    minutes,
    start: clock(snapshot.started_at),
    end: clock(snapshot.started_at + minutes * 60),
  });
}

function renderEnded(snapshot) {
  const ended = snapshot.phase === "ended";
  show($("ended"), ended);
  show($("game"), !ended);
  if (!ended) return;
  $("ended-summary").textContent = endSummary(snapshot.played);
  $("ended-senses").replaceChildren(
    ...Object.entries(snapshot.played.per_sense)
      .filter(([, count]) => count > 0)
      .map(([sense, count]) => {
        const item = document.createElement("li");
        const word = t(`ui.sense.${sense}`);
        item.textContent = t("ui.ended.per_sense", { sense: word, count });
        return item;
      }),
  );
}

/** The cards the players talked about, as they would count them: a card the host replaced
 *  (set aside) was never discussed. */
export function endSummary(played) {
  const count = played.total - (played.set_aside || 0);
  if (count === 0) return t("ui.ended.none");
  return t("ui.ended.summary", { count });
}

/** Draw `snapshot` for the seat `me`. */
export function render(snapshot, names, me, { onHostAction }) {
  $("turn-status").textContent = turnSentence(snapshot, names, me);
  show($("pause-note"), snapshot.paused && !leads(snapshot, me) && !snapshot.card); // the status says it too
  show($("lobby"), snapshot.phase === "lobby");
  show($("invite"), snapshot.phase === "lobby" && leads(snapshot, me));
  show($("lobby-wait"), !leads(snapshot, me));
  $("table-count").textContent = `(${snapshot.seats.length})`;
  renderActions(snapshot, names, me);
  renderPlayers(snapshot, me, onHostAction);
  renderHostPanel(snapshot, names, me);
  renderEnded(snapshot);
}
