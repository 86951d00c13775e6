// One polite live region for what happens in the game; errors go to an alert region.
// Each announcement is a new line in the region, so a screen reader reads them one after the
// other: a new one never cuts off (overwrites) the one before.
const KEEP = 4; // lines kept in the region; older ones are taken out (removals are not read)

/** Say `text` to screen readers. Repeating the same text is announced again. */
export function announce(text) {
  const announcer = document.getElementById("announcer");
  if (!announcer || !text) return;
  const line = document.createElement("p");
  line.textContent = text;
  announcer.append(line);
  while (announcer.children.length > KEEP) announcer.firstElementChild?.remove();
}

export function showError(text) {
  const alertBox = document.getElementById("alert");
  if (!alertBox) return;
  alertBox.textContent = text;
  alertBox.hidden = false;
}

export function clearError() {
  const alertBox = document.getElementById("alert");
  if (!alertBox) return;
  alertBox.textContent = "";
  alertBox.hidden = true;
}
