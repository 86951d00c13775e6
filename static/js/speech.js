// Reading cards aloud with the browser's own speech synthesis, in the room's language.
const VOICE_LANG = { nl: "nl-NL", en: "en-GB" };

export function canSpeak() {
  return "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
}

function voiceFor(lang) {
  const voices = window.speechSynthesis.getVoices();
  return voices.find((v) => v.lang?.toLowerCase().startsWith(lang)) || null;
}

/** Speak `text` in `lang` ("nl" or "en"), stopping anything still being read.
 *  @param {string} text @param {string} lang @param {{onEnd?: () => void}} [options] */
export function speak(text, lang, { onEnd } = {}) {
  if (!canSpeak() || !text) return;
  window.speechSynthesis.cancel();
  const utterance = new window.SpeechSynthesisUtterance(text);
  utterance.lang = VOICE_LANG[lang] || lang;
  const voice = voiceFor(lang);
  if (voice) utterance.voice = voice;
  utterance.onend = () => onEnd?.();
  utterance.onerror = () => onEnd?.();
  window.speechSynthesis.speak(utterance);
}

export function stopSpeaking() {
  if (canSpeak()) window.speechSynthesis.cancel();
}
