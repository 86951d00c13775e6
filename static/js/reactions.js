// Reactions that arrive close together are told as one: "Reacties: 2× Dankjewel, 1× Hartje."
// One reaction alone keeps its sentence ("Aisha zegt dankjewel."). Nothing is ever dropped.
import { t } from "./strings.js";

const GATHER_MS = 1500;

/** `show(text)` draws the sum on screen, `say(text)` announces it (the caller may stay quiet). */
export function reactionTally({ show, say }) {
  /** @type {{name: string, reaction: string}[]} */
  let pending = [];
  let timer = 0;

  function flush() {
    timer = 0;
    const gathered = pending;
    pending = [];
    let text;
    if (gathered.length === 1) {
      const { name, reaction } = gathered[0];
      text = t(`ui.reactions.said_${reaction}`, { name });
    } else {
      const counts = new Map();
      for (const { reaction } of gathered) counts.set(reaction, (counts.get(reaction) || 0) + 1);
      const list = [...counts].map(([reaction, count]) =>
        t("ui.reactions.counted", { count, reaction: t(`ui.reactions.${reaction}`) }),
      );
      text = t("ui.reactions.summary", { list: list.join(", ") });
    }
    show(text);
    say(text);
  }

  function add(name, reaction) {
    pending.push({ name, reaction });
    if (!timer) timer = window.setTimeout(flush, GATHER_MS);
  }

  return { add };
}
