// Links and QR codes that carry the room's join ticket (from the join or watch ack). Whoever
// follows one was given the code rather than guessed it, so the server never refuses them for
// what others behind the same address guessed (docs/security.md, "Guessing").

/**
 * Add the ticket to every invitation inside `root`: `img[data-invite-qr]` and `a[data-invite-link]`.
 * @param {ParentNode} root
 * @param {string | undefined} ticket
 */
export function addTicket(root, ticket) {
  if (!ticket) return;
  for (const image of /** @type {NodeListOf<HTMLImageElement>} */ (root.querySelectorAll("img[data-invite-qr]"))) {
    image.src = withTicket(image.src, ticket);
  }
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (root.querySelectorAll("a[data-invite-link]"))) {
    link.href = withTicket(link.href, ticket);
  }
}

/** @param {string} address @param {string} ticket */
function withTicket(address, ticket) {
  const url = new URL(address, window.location.href);
  url.searchParams.set("ticket", ticket);
  return url.toString();
}
