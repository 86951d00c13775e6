/* Display preferences (text size, contrast, reading cards aloud), remembered on this device.
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

  document.addEventListener("DOMContentLoaded", function () {
    var prefs = load();
    document.querySelectorAll("[data-pref]").forEach(function (control) {
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
