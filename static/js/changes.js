// What each change in a snapshot means in words, for the live region and "what is happening?".
import { languageOf, spoken, textFor } from "./card-text.js";
import { t } from "./strings.js";

/** The name to use for a seat: "you" for one's own seat. */
export function nameOf(seatId, names, me) {
  if (seatId && seatId === me) return t("ui.you");
  return names.get(seatId) || t("ui.someone");
}

/** The hall (the projector of a mixed room) takes part in voice as one participant. */
const voiceName = (id, names, me) => (id === "hall" ? t("ui.voice.hall") : nameOf(id, names, me));

const senseWord = (sense) => t(`ui.sense.${sense}`);

/** One sentence for one change, or null for changes nobody needs to hear about.
 *  What `me` did myself is not told back to me: my focus moves to its result instead. */
export function describeChange(change, snapshot, names, me) {
  const who = (id) => nameOf(id, names, me);
  const mine = change.seat_id !== undefined && change.seat_id === me;
  switch (change.type) {
    case "seat_added":
      return mine ? null : t("ui.said.joined", { name: who(change.seat_id) });
    case "seat_removed":
      return t("ui.said.left", { name: who(change.seat_id) });
    case "presence_changed":
      if (mine) return null;
      if (change.away) return t("ui.said.away", { name: who(change.seat_id) });
      return change.connected ? t("ui.said.back", { name: who(change.seat_id) }) : null;
    case "host_changed":
      if (!change.seat_id) return null;
      return mine ? t("ui.said.new_host_you") : t("ui.said.new_host", { name: who(change.seat_id) });
    case "game_started":
      return t("ui.said.started");
    case "turn_started":
      if (!change.seat_id) return t("ui.said.nobody_can_play");
      return mine ? t("ui.said.your_turn") : t("ui.said.turn_of", { name: who(change.seat_id) });
    case "card_drawn": {
      if (mine) return null;
      const card = snapshot.card;
      const question = card && card.drawn_by === change.seat_id ? spoken(textFor(card, languageOf(snapshot, me))) : "";
      return t("ui.said.drawn", { name: who(change.seat_id), sense: senseWord(change.sense), question });
    }
    case "card_handed":
      if (change.from_seat === me) return null;
      if (change.to_seat === me) return t("ui.said.handed_to_you", { from: who(change.from_seat) });
      return t("ui.said.handed", { from: who(change.from_seat), to: who(change.to_seat) });
    case "answer_ended":
      if (mine) return change.outcome === "skipped" ? t("ui.said.skipped_you") : null;
      if (change.outcome === "passed") return t("ui.said.passed", { name: who(change.seat_id) });
      if (change.outcome === "answered") return t("ui.said.answered", { name: who(change.seat_id) });
      if (change.outcome === "skipped") return t("ui.said.skipped", { name: who(change.seat_id) });
      return null;
    case "answer_typed":
      return mine ? null : t("ui.said.typed", { name: who(change.seat_id) });
    case "pause_changed":
      return change.paused ? t("ui.said.paused") : t("ui.said.resumed");
    case "lock_changed":
      return change.locked ? t("ui.said.locked") : t("ui.said.unlocked");
    case "seat_kicked":
      return t("ui.said.kicked", { name: who(change.seat_id) });
    case "role_changed": // a new host is told by host_changed
      if (change.role === "host") return null;
      return mine
        ? t(`ui.said.role_${change.role}_you`)
        : t(`ui.said.role_${change.role}`, { name: who(change.seat_id) });
    case "timer_expired":
      return mine ? t("ui.said.time_up_you") : t("ui.said.time_up", { name: who(change.seat_id) });
    case "timer_extended":
      return mine ? null : t("ui.said.more_time", { name: who(change.seat_id) });
    case "game_ended": {
      const seat = snapshot.seats.find((s) => s.id === me);
      const asked = seat && seat.role !== "spectator" && seat.has_device;
      return asked ? t("ui.said.ended_reflect") : t("ui.said.ended");
    }
    case "card_set_aside": {
      const next = snapshot.turn?.active;
      if (next && next === me) return t("ui.said.card_set_aside_you");
      return t("ui.said.card_set_aside", { name: who(next) });
    }
    case "voice_joined": // one's own joining and leaving is told by the voice panel
      return mine ? null : t("ui.said.voice_joined", { name: voiceName(change.seat_id, names, me) });
    case "voice_left":
      return mine ? null : t("ui.said.voice_left", { name: voiceName(change.seat_id, names, me) });
    case "voice_mute_asked": // being asked oneself is told, with why, by the voice panel
      return mine ? null : t("ui.said.voice_asked", { name: who(change.seat_id) });
    default:
      return null;
  }
}
