// The language a person reads the cards in: the page's, unless they chose another when joining
// or in the "Meer" sheet, which this device then remembers for every room. It may be a language
// the interface does not speak: the cards come in it, the buttons in the page's language.
const KEY = "kletsborden.card_language";

/** The remembered choice, else `fallback` (the page's language). */
export function chosenLanguage(fallback) {
  try {
    return localStorage.getItem(KEY) || fallback;
  } catch (error) {
    return fallback;
  }
}

/** Remember a choice other than the page's; choosing the page's language forgets it, so the
 *  cards follow the page again when its language changes. */
export function rememberLanguage(language, pageLanguage) {
  try {
    if (language === pageLanguage) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, language);
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
