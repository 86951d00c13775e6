// Starting a session: send the facilitator's settings, keep the host seat, open the room.
import { clearError, showError } from "./announce.js";
import { saveSeat } from "./seat.js";

const form = document.getElementById("create-room");

function settingsFrom(data) {
  const timer = data.get("turn_timer_seconds");
  const maxPlayers = data.get("max_players");
  return {
    language: data.get("language"),
    senses: data.getAll("senses"),
    max_depth: Number(data.get("max_depth")),
    answering: data.get("answering"),
    typed_answers: data.get("typed_answers") === "on",
    turn_timer_seconds: timer ? Number(timer) : null,
    max_players: maxPlayers ? Number(maxPlayers) : null,
  };
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
