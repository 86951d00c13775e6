// One polite live region for what happens in the game; errors go to an alert region.
const announcer = document.getElementById("announcer");
const alertBox = document.getElementById("alert");

/** Say `text` to screen readers. Repeating the same text is announced again. */
export function announce(text) {
  if (!announcer || !text) return;
  announcer.textContent = "";
  window.setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

export function showError(text) {
  if (!alertBox) return;
  alertBox.textContent = text;
  alertBox.hidden = false;
}

export function clearError() {
  if (!alertBox) return;
  alertBox.textContent = "";
  alertBox.hidden = true;
}
