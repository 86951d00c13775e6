// Which words of the card a person reads. The snapshot's card carries its texts in the
// languages of the people at the table (`texts[lang]`: question, follow_up, image_alt, status,
// name, dir) and `language`, the room's, which is always there: a card without a text in a
// person's language is shown in the room's, marked "(Nederlands)", never left empty.

/** The language the person in `seatId` reads in: their seat's, else the room's. */
export function languageOf(snapshot, seatId) {
  const seat = snapshot.seats.find((s) => s.id === seatId);
  return seat?.language || snapshot.settings.language;
}

/** The card's text in `language`, or the room's with `fallback` true; plus its language. */
export function textFor(card, language) {
  const own = card.texts[language];
  if (own) return { ...own, language, fallback: false };
  return { ...card.texts[card.language], language: card.language, fallback: true };
}

/** The question and follow-up as one line, for reading aloud and announcements. */
export function spoken(text) {
  return [text.question, text.follow_up].filter(Boolean).join(" ");
}

/** Show `text` in the elements of one card: words, language, direction and its notes. */
export function showText(parts, text, t) {
  const { question, followUp, note } = parts;
  for (const part of [question, followUp]) {
    part.lang = text.language;
    part.dir = text.dir;
  }
  question.textContent = text.question;
  followUp.textContent = text.follow_up || "";
  followUp.hidden = !text.follow_up;
  if (!note) return;
  const notes = [];
  if (text.fallback) notes.push(t("ui.card.fallback", { language: text.name }));
  if (text.status === "draft") notes.push(t("ui.card.draft"));
  note.textContent = notes.join(" ");
  note.hidden = notes.length === 0;
}
