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
