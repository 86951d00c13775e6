// The socket to the server: requests that resolve with their acknowledgement, and reconnection.
import { io } from "/vendor/socket.io-client/socket.io.esm.min.js";
import { t } from "./strings.js";

const TIMEOUT_MS = 15000;

/** Connect, calling `onStatus("connected" | "reconnecting")` as the connection comes and goes. */
export function connect({ onStatus, onEvent }) {
  const socket = io({ transports: ["websocket", "polling"], reconnectionDelayMax: 5000 });
  socket.on("connect", () => onStatus("connected"));
  socket.on("disconnect", () => onStatus("reconnecting"));
  socket.io.on("reconnect_attempt", () => onStatus("reconnecting"));
  for (const name of ["room_state", "lead_view", "reaction", "kicked", "seat_moved", "screen_key_renewed", "voice_signal"]) {
    socket.on(name, (data) => onEvent(name, data));
  }

  /** Send `event`; resolves with the ack (`{ok: ...}`), or a timeout error ack. While the
   *  connection is down nothing is buffered: a tap then would reach the server on reconnect,
   *  before the page has its seat back, so it is refused here, at once and in words. */
  function ask(event, payload = {}) {
    if (!socket.connected) {
      return Promise.resolve({ ok: false, error: { code: "offline", message: t("ui.connection.offline_refused") } });
    }
    return socket
      .timeout(TIMEOUT_MS)
      .emitWithAck(event, payload)
      .catch(() => ({ ok: false, error: { code: "timeout", message: "" } }));
  }

  return { ask, socket };
}
