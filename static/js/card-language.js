// The language a person reads the cards in, chosen when joining and changeable at any time
// (the "Meer" sheet), remembered on this device for every room. It may be a language the
// interface does not speak: the cards come in it, the buttons in the page's language.
const KEY = "kletsborden.card_language";

/** The remembered choice, else `fallback` (the page's language). */
export function chosenLanguage(fallback) {
  try {
    return localStorage.getItem(KEY) || fallback;
  } catch (error) {
    return fallback;
  }
}

export function rememberLanguage(language) {
  try {
    localStorage.setItem(KEY, language);
  } catch (error) {
    /* storage unavailable: the choice lasts as long as this page */
  }
}

/** Set every language select of the page to `language` where it offers it. */
export function showChosen(language) {
  for (const select of /** @type {NodeListOf<HTMLSelectElement>} */ (document.querySelectorAll("select.card-language"))) {
    if ([...select.options].some((option) => option.value === language)) select.value = language;
  }
}
