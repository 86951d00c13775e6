// Keep the screen on while a game is being played, where the browser allows it.
let lock = null;
let wanted = false;

async function acquire() {
  if (!wanted || lock || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
  try {
    lock = await navigator.wakeLock.request("screen");
    lock.addEventListener("release", () => {
      lock = null;
    });
  } catch (error) {
    lock = null; // not allowed (battery saver, no permission): the game works without it
  }
}

document.addEventListener("visibilitychange", acquire);

export function keepAwake(on) {
  wanted = on;
  if (on) acquire();
  else if (lock) lock.release();
}
