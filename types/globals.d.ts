// What prefs.js (a classic script in <head>) puts on window for the modules.
interface Window {
  kletsbordenPrefs(): { textSize?: string; contrast?: boolean; autoRead?: boolean; quietReactions?: boolean };
}
