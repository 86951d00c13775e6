/* Display preferences (text size, contrast, reading cards aloud, quiet reactions), remembered on
   this device, and the button that opens them.
   A classic script in <head>, so the page is drawn at the chosen size from the first paint. */
(function () {
  "use strict";
  var KEY = "kletsborden.prefs";
  var root = document.documentElement;

  function load() {
    try {
      return JSON.parse(localStorage.getItem(KEY)) || {};
    } catch (error) {
      return {};
    }
  }

  function apply(prefs) {
    root.dataset.textSize = prefs.textSize || "100";
    root.dataset.contrast = prefs.contrast ? "high" : "normal";
  }

  apply(load());

  /** Open or close the display panel; any button with data-display-open opens it too. */
  function showPanel(open, focus) {
    var toggle = document.getElementById("display-toggle");
    var panel = document.getElementById("display-panel");
    if (!toggle || !panel) return;
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (open && focus) document.getElementById("text-size").focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var prefs = load();
    var toggle = document.getElementById("display-toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        showPanel(toggle.getAttribute("aria-expanded") !== "true", false);
      });
    }
    // Like any pop-up panel: Escape or a tap elsewhere closes it (focus back on its button).
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle && toggle.getAttribute("aria-expanded") === "true") {
        showPanel(false, false);
        toggle.focus();
      }
    });
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (!(target instanceof Element) || target.closest(".display-settings, [data-display-open]")) return;
      showPanel(false, false);
    });
    document.querySelectorAll("[data-display-open]").forEach(function (button) {
      button.addEventListener("click", function () {
        showPanel(true, true);
      });
    });
    /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll("[data-pref]")).forEach(function (control) {
      var name = control.dataset.pref;
      if (control.type === "checkbox") {
        control.checked = Boolean(prefs[name]);
      } else if (prefs[name]) {
        control.value = prefs[name];
      }
      control.addEventListener("change", function () {
        var current = load();
        current[name] = control.type === "checkbox" ? control.checked : control.value;
        try {
          localStorage.setItem(KEY, JSON.stringify(current));
        } catch (error) {
          /* private mode: the choice holds for this page only */
        }
        apply(current);
        document.dispatchEvent(new CustomEvent("kletsborden:prefs", { detail: current }));
      });
    });
  });

  window.kletsbordenPrefs = load;
})();
