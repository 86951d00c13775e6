// Who is at the voice table: read from the snapshot, and drawn as a keyed list (name, whose
// turn, muted, camera, how the connection is, who speaks, the host's "ask to mute", the small
// videos). voice.js owns the connections and the media; this module only draws what it is told.
import { t } from "./strings.js";

/** The voice participant of a mixed room's projector: the laptop and speaker in the hall. */
export const HALL = "hall";

/** Who is in voice in `snapshot`, in seat order, the hall last. */
export function voiceParticipants(snapshot) {
  const ids = snapshot.seats.filter((seat) => seat.voice).map((seat) => seat.id);
  if (snapshot.hall_voice) ids.push(HALL);
  return ids;
}

/** A participant's voice entry (`{session, muted, asked_to_mute, camera}`) or null. */
export function voiceOf(snapshot, id) {
  if (!snapshot) return null;
  if (id === HALL) return snapshot.hall_voice || null;
  return snapshot.seats.find((seat) => seat.id === id)?.voice || null;
}

/**
 * What the list needs from voice.js.
 * @typedef {{
 *   me: string, myMuted: boolean | null, lead: boolean,
 *   link: (id: string) => "self" | "none" | "connected" | "connecting" | "restoring",
 *   video: (id: string) => HTMLVideoElement | null,
 *   onAskMute: (id: string) => void,
 * }} PeopleView
 */

/**
 * Draw everyone in voice into `list`, keeping the items (and their videos) that stay.
 * @param {HTMLElement} list
 * @param {PeopleView} view
 */
export function renderPeople(list, snapshot, view) {
  const ids = voiceParticipants(snapshot);
  for (const item of [...list.children]) if (!ids.includes(/** @type {HTMLElement} */ (item).dataset.peer)) item.remove();
  ids.forEach((id, index) => {
    let item = /** @type {HTMLElement} */ (list.querySelector(`[data-peer="${CSS.escape(id)}"]`));
    if (!item) item = personItem(id);
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
    renderPerson(item, id, snapshot, view);
  });
}

/** Speaking: a thick outline, a sound icon and the word, not colour alone. */
export function showSpeaking(item, speaking) {
  if (item.classList.contains("is-speaking") === speaking) return;
  item.classList.toggle("is-speaking", speaking);
  item.querySelector(".voice-speaking").hidden = !speaking;
}

/** @returns {HTMLElement} */
function personItem(id) {
  const item = document.createElement("li");
  item.dataset.peer = id;
  item.innerHTML =
    '<span class="voice-turn" aria-hidden="true" hidden>▶</span>' +
    '<span class="voice-name"></span><span class="voice-notes"></span>' +
    '<span class="voice-speaking" hidden><svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M4 10v4M8 7v10M12 4v16M16 7v10M20 10v4" stroke="currentColor" stroke-width="2.5" ' +
    'stroke-linecap="round" fill="none"/></svg><span class="voice-speaking-word"></span></span>' +
    '<span class="voice-link"></span><span class="voice-video"></span>';
  item.querySelector(".voice-speaking-word").textContent = t("ui.voice.speaking");
  return item;
}

/** @param {HTMLElement} item @param {PeopleView} view */
function renderPerson(item, id, snapshot, view) {
  const entry = voiceOf(snapshot, id) || {};
  const seat = snapshot.seats.find((each) => each.id === id);
  const name = id === HALL ? t("ui.voice.hall") : seat?.name || t("ui.someone");
  const shownName = id === view.me ? t("ui.players.me", { name }) : name;
  item.querySelector(".voice-name").textContent = shownName;
  const turn = Boolean(snapshot.turn?.waiting_on && snapshot.turn.waiting_on === id && !snapshot.paused);
  item.classList.toggle("is-turn", turn);
  /** @type {HTMLElement} */ (item.querySelector(".voice-turn")).hidden = !turn;
  const muted = id === view.me && view.myMuted !== null ? view.myMuted : entry.muted;
  const notes = [];
  if (turn) notes.push(t("ui.players.waiting_on"));
  if (muted) notes.push(t("ui.voice.muted_note"));
  if (entry.camera && id !== view.me) notes.push(t("ui.voice.camera_note"));
  item.querySelector(".voice-notes").textContent = notes.length ? ` — ${notes.join(", ")}` : "";
  const link = view.link(id);
  item.dataset.connection = link;
  item.querySelector(".voice-link").textContent =
    link === "restoring" ? t("ui.voice.restoring_person") : link === "connecting" ? t("ui.voice.connecting") : "";
  if (muted) showSpeaking(item, false);
  renderVideo(item, view.video(id), shownName);
  renderAskMute(item, id, Boolean(view.lead && id !== view.me && !entry.muted), shownName, view);
}

function renderVideo(item, video, name) {
  const box = item.querySelector(".voice-video");
  if (!video) {
    box.replaceChildren();
    return;
  }
  video.setAttribute("aria-label", t("ui.voice.video_of", { name }));
  if (video.parentElement !== box) box.replaceChildren(video);
}

/** A host or co-host may ask anyone in voice, the hall too, to mute (only they can unmute). */
function renderAskMute(item, id, visible, name, view) {
  let button = item.querySelector("button.voice-ask-mute");
  if (!visible) {
    button?.remove();
    return;
  }
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "voice-ask-mute small";
    button.addEventListener("click", () => view.onAskMute(id));
    item.querySelector(".voice-link").before(button);
  }
  button.textContent = id === HALL ? t("ui.voice.ask_mute_hall") : t("ui.voice.ask_mute", { name });
}
