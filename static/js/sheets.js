// The play page's sheets ("Aan tafel" and "Meer"): on a phone they slide up over the card when
// their button is pressed, and close with their Close button or Escape, focus going back to the
// button; the rest of the page is inert meanwhile. On wide screens they stand beside the card.
const WIDE = "(min-width: 60rem)";

/** Wire the toggles inside `root`; returns `close()` (closes whichever sheet is open). */
export function mountSheets(root) {
  const wide = window.matchMedia(WIDE);
  const toggles = [...root.querySelectorAll("[data-sheet]")];
  let open = null; // the open sheet's id, on a phone

  /** @param {string | null} id */
  function show(id, { focus = true } = {}) {
    const before = open;
    open = wide.matches ? null : id;
    for (const toggle of toggles) {
      const sheet = /** @type {HTMLElement} */ (document.getElementById(toggle.dataset.sheet || ""));
      const isOpen = toggle.dataset.sheet === open;
      toggle.setAttribute("aria-expanded", String(isOpen));
      sheet.classList.toggle("is-open", isOpen);
    }
    for (const part of root.children) {
      if (part instanceof HTMLElement) part.inert = Boolean(open) && part.id !== open;
    }
    if (!focus) return;
    if (open) document.getElementById(open)?.querySelector("h2")?.focus();
    else if (before) root.querySelector(`[data-sheet="${before}"]`)?.focus();
  }

  for (const toggle of toggles) {
    toggle.addEventListener("click", () => show(open === toggle.dataset.sheet ? null : toggle.dataset.sheet || null));
  }
  for (const button of root.querySelectorAll("[data-sheet-close]")) {
    button.addEventListener("click", () => show(null));
  }
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) show(null);
  });
  wide.addEventListener("change", () => show(null, { focus: false }));

  return {
    close: (focus = true) => show(null, { focus }),
    isOpen: () => open !== null,
  };
}
