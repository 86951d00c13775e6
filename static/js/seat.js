// The seat token, kept on this device so a reload or a lost connection returns to the same seat.
const key = (code) => `kletsborden.seat.${code}`;

export function savedSeat(code) {
  try {
    return JSON.parse(localStorage.getItem(key(code)));
  } catch (error) {
    return null;
  }
}

export function saveSeat(code, seat) {
  try {
    localStorage.setItem(key(code), JSON.stringify(seat));
  } catch (error) {
    /* storage unavailable: the seat lasts as long as this page */
  }
}

export function forgetSeat(code) {
  try {
    localStorage.removeItem(key(code));
  } catch (error) {
    /* nothing to forget */
  }
}

const DEVICE_KEY = "kletsborden.device";

/** A random id this browser keeps for itself, sent when taking a new seat: a room that removed
 *  this device's seat refuses it a new one (the server keeps it only hashed, per room). */
export function deviceId() {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      const bytes = crypto.getRandomValues(new Uint8Array(18));
      id = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch (error) {
    return undefined; /* storage unavailable: nothing to remember the device by */
  }
}
