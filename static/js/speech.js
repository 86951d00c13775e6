// Reading cards aloud with the browser's own speech synthesis, in the language of the text.

export function canSpeak() {
  return "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
}

/** The device's voice for `lang` ("ar", "uk", …), preferring a local one; null when it has none. */
export function voiceFor(lang) {
  if (!canSpeak()) return null;
  const prefix = lang.toLowerCase();
  const voices = window.speechSynthesis
    .getVoices()
    .filter((v) => v.lang?.toLowerCase().replace("_", "-").split("-")[0] === prefix);
  return voices.find((v) => v.localService) || voices[0] || null;
}

/** Speak `text` in `lang` (a language code), stopping anything still being read. Without a
 *  voice for `lang` the browser is still asked (it may find one); the page says so first.
 *  @param {string} text @param {string} lang @param {{onEnd?: () => void}} [options] */
export function speak(text, lang, { onEnd } = {}) {
  if (!canSpeak() || !text) return;
  window.speechSynthesis.cancel();
  const utterance = new window.SpeechSynthesisUtterance(text);
  const voice = voiceFor(lang);
  utterance.lang = voice?.lang || lang;
  if (voice) utterance.voice = voice;
  utterance.onend = () => onEnd?.();
  utterance.onerror = () => onEnd?.();
  window.speechSynthesis.speak(utterance);
}

export function stopSpeaking() {
  if (canSpeak()) window.speechSynthesis.cancel();
}
