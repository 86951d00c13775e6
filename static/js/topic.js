// "I'd rather talk about something else": a player tells the host quietly, and only hosts see it.
// The room's snapshot never carries the wish; hosts get it in their private `lead_view`.
import { t } from "./strings.js";
import { leads, seatOf } from "./table.js";

/** Elements of our own page by id (form controls among them). @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);

/** One drawn card: the same card drawn again later is another play. */
function playKey(snapshot) {
  return snapshot.card ? `${snapshot.played.total}:${snapshot.card.id}` : null;
}

const storageKey = (code) => `kletsborden.topic.${code}`;

function sentFor(code) {
  try {
    return localStorage.getItem(storageKey(code));
  } catch (error) {
    return null;
  }
}

function rememberSent(code, key) {
  try {
    localStorage.setItem(storageKey(code), key);
  } catch (error) {
    /* storage unavailable: the button comes back after a reload */
  }
}

/** The wish button for players and the private notice for hosts. `act` sends an event and shows
 *  its error; `announce` speaks in the polite live region. */
export function topicTools({ code, act, announce, focusStatus }) {
  let view = null; // the newest lead_view this host got
  let snapshot = null;
  let me = null;
  let names = new Map();

  function shownCount() {
    if (!view || !snapshot?.card || !leads(snapshot, me) || snapshot.phase !== "playing") return 0;
    const same = view.card_id === snapshot.card.id && view.play === snapshot.played.total;
    return same ? view.topic_signals : 0;
  }

  function renderWish() {
    const seat = seatOf(snapshot, me);
    const visible = Boolean(
      snapshot.phase === "playing" &&
        snapshot.card &&
        seat &&
        seat.role !== "spectator" &&
        !leads(snapshot, me),
    );
    $("topic-wish").hidden = !visible;
    if (!visible) return;
    const sent = sentFor(code) === playKey(snapshot);
    $("topic-ask").disabled = sent;
    $("topic-show-name").disabled = sent;
    $("topic-sent").hidden = !sent;
  }

  function renderNotice() {
    const count = shownCount();
    $("lead-notice").hidden = count === 0;
    if (!count) return;
    $("lead-notice-text").textContent = t("ui.topic.notice", { count });
    const named = view.named.map((id) => names.get(id)).filter(Boolean);
    $("lead-notice-names").hidden = named.length === 0;
    $("lead-notice-names").textContent = named.length
      ? t("ui.topic.named", { names: named.join(", ") })
      : "";
  }

  function render(newSnapshot, newNames, newMe) {
    snapshot = newSnapshot;
    names = newNames;
    me = newMe;
    renderWish();
    renderNotice();
  }

  /** A lead_view from an ack (`quiet`) or sent to this host as it happened (announced). */
  function take(newView, { quiet = false } = {}) {
    if (!newView || (view && newView.version < view.version)) return;
    const before = shownCount();
    view = newView;
    // The host's link to the session's report, once the game has ended (issue 17).
    $("ended-report").hidden = !view.report_path;
    if (view.report_path) $("ended-report").querySelector("a").href = view.report_path;
    if (!snapshot) return;
    renderNotice();
    const count = shownCount();
    // Said aloud only that there is something to read: a phone's speaker is heard at the table.
    if (!quiet && count > before) announce(t("ui.topic.notice_said"));
  }

  $("topic-ask").addEventListener("click", async () => {
    const key = playKey(snapshot);
    if (!key || $("topic-ask").disabled) return;
    $("topic-ask").disabled = true; // a second tap while waiting must not count twice
    const sent = await act("ask_topic_change", { show_name: $("topic-show-name").checked });
    if (sent) rememberSent(code, key);
    renderWish();
    $(sent ? "topic-sent" : "topic-ask").focus();
  });

  $("set-card-aside").addEventListener("click", () => {
    if (window.confirm(t("ui.topic.confirm_set_aside"))) act("set_card_aside", {}, focusStatus);
  });

  return { render, take };
}
