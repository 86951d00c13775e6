"""Helpers for the browser tests: opening rooms, joining, reading what each screen shows.

Everything waits with Playwright's ``expect`` (no fixed sleeps): the game arrives over a socket,
so every screen catches up a moment after the person who acted.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, Locator, Page, expect
from support.admin import PASSWORD
from support.browser import axe_violations

TIMEOUT = 10_000  # ms; socket round trips on a loaded machine stay far below this
SENSE_WORD = {"horen": "Horen", "zien": "Zien", "voelen": "Voelen"}
PREFS_KEY = "kletsborden.prefs"

expect.set_options(timeout=TIMEOUT)


# --- scripts put into pages before their own scripts run --------------------------------------

# Records every text the polite live region (#announcer) says: each announcement is a line
# added to it (announce.js), read by a screen reader in turn.
ANNOUNCER_RECORDER = """
(() => {
  window.__announced = [];
  const watch = () => {
    const region = document.getElementById("announcer");
    if (!region) return;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          const text = node.textContent.trim();
          if (text) window.__announced.push(text);
        }
      }
    }).observe(region, { childList: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
"""

# Headless chromium has no voices: replace speech synthesis with a recorder.
SPEECH_RECORDER = """
(() => {
  const calls = [];
  window.__speech = calls;
  class FakeUtterance {
    constructor(text) {
      this.text = text;
      this.lang = "";
      this.voice = null;
      this.onend = null;
      this.onerror = null;
    }
  }
  const synth = {
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    speak(utterance) {
      const { text, lang, voice } = utterance;
      calls.push({ call: "speak", text, lang, voice: voice?.name });
    },
    cancel() {
      calls.push({ call: "cancel" });
    },
    pause() {},
    resume() {},
    getVoices() {
      return window.__voices || [];  // a test sets the device's voices with device_voices()
    },
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", {
    value: FakeUtterance,
    configurable: true,
    writable: true,
  });
})();
"""


# Lists every RTCPeerConnection the page makes (the real ones, unchanged) in window.__pcs, so a
# test can read their getStats() as chrome://webrtc-internals would.
PEER_CONNECTION_RECORDER = """
(() => {
  const Original = window.RTCPeerConnection;
  if (!Original) return;
  window.__pcs = [];
  window.RTCPeerConnection = class extends Original {
    constructor(...args) {
      super(...args);
      window.__pcs.push(this);
    }
  };
})();
"""


def device_voices(*langs: str) -> str:
    """An init script: the device has a (local) speech voice for each of ``langs`` ("nl-NL")."""
    voices = [{"lang": lang, "name": f"voice {lang}", "localService": True} for lang in langs]
    return f"window.__voices = {json.dumps(voices)};"


def prefs_script(prefs: dict) -> str:
    """Display preferences stored before every page load (as if chosen earlier on this phone)."""
    key, value = json.dumps(PREFS_KEY), json.dumps(json.dumps(prefs))
    return f"try {{ localStorage.setItem({key}, {value}); }} catch (error) {{}}"


# --- people at the table ----------------------------------------------------------------------


@dataclass
class Person:
    """One browser tab at the table: a seat (or the projector)."""

    name: str
    page: Page
    dialogs: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        def accept(dialog) -> None:
            self.dialogs.append(dialog.message)
            dialog.accept()

        self.page.on("dialog", accept)

    @property
    def status(self) -> Locator:
        return self.page.locator("#turn-status")

    @property
    def question(self) -> Locator:
        return self.page.locator("#card-question")

    def seat_id(self, code: str) -> str | None:
        saved = self.page.evaluate(
            "(key) => JSON.parse(localStorage.getItem(key) || 'null')", f"kletsborden.seat.{code}"
        )
        return saved["seat_id"] if saved else None

    def waited_on(self) -> Locator:
        return self.page.locator("#player-list li.is-waited-on .player-name")

    def player_names(self) -> Locator:
        return self.page.locator("#player-list .player-name")


def person(context: BrowserContext, name: str, *init_scripts: str) -> Person:
    for script in init_scripts:
        context.add_init_script(script)
    return Person(name, context.new_page())


def open_room(
    host: Person,
    *,
    language: str | None = None,
    answering: str = "drawer",
    takes_turns: bool = True,
    typed_answers: bool = False,
    play_mode: str | None = None,
    draft_languages: bool = True,
    second_language: str | None = None,
) -> str:
    """The facilitator fills in the form on /host; returns the room code (host is seated)."""
    page = host.page
    page.goto("/host")
    page.fill("#host-name", host.name)
    if play_mode:
        page.check(f"#play-mode-{play_mode}")
    if not takes_turns:
        page.uncheck("#takes-turns")
    if language:
        page.check(f"#language-{language}")
    page.check(f"#answering-{answering}")
    if typed_answers:
        page.check("#typed-answers")
    if not draft_languages:
        page.uncheck("#draft-languages")
    if second_language:
        page.select_option("#second-language", second_language)
    page.locator("#create-room button[type=submit]").click()
    page.wait_for_url(re.compile(r"/play/[A-Z0-9]+$"))
    expect(page.locator("#game")).to_be_visible()
    expect(page.locator("#start-game")).to_be_visible()  # the host's next step, on any screen
    return page.url.rsplit("/", 1)[1]


def join_by_link(player: Person, code: str) -> None:
    """Open the join link /play/<code> and sit down with a name."""
    player.page.goto(f"/play/{code}")
    fill_name_and_join(player)


def join_by_code(player: Person, code: str) -> None:
    """Type the code on the home page, as told by the facilitator (with a dash, lower case)."""
    page = player.page
    page.goto("/")
    typed = f"{code[:4]}-{code[4:]}".lower()
    page.fill("#code", typed)
    page.locator("form[action='/join'] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/play/{code}$"))
    fill_name_and_join(player)


def fill_name_and_join(player: Person) -> None:
    page = player.page
    expect(page.locator("#join-panel")).to_be_visible()
    page.fill("#join-name", player.name)
    page.locator("#join-form button[type=submit]").click()
    expect(page.locator("#game")).to_be_visible()
    expect(page.locator("#join-panel")).to_be_hidden()


def screen_link(host: Person) -> str:
    """The projector link the host's page puts on #screen-link (with the screen key)."""
    link = host.page.locator("#screen-link")
    expect(link).to_have_attribute("href", re.compile(r"/screen/[A-Z0-9]+\?key="))
    return link.get_attribute("href") or ""


def open_screen(projector: Person, host: Person) -> None:
    projector.page.goto(screen_link(host))
    expect(projector.page.locator("#screen-status")).not_to_be_empty()


def start_game(host: Person) -> None:
    host.page.click("#start-game")
    expect(host.page.locator("#start-game")).to_be_hidden()


def draw(player: Person, sense: str = "") -> str:
    """Draw from a deck (or by chance); returns the question on the card."""
    player.page.click(f"[data-draw='{sense}']")
    expect(player.question).not_to_be_empty()
    expect(player.page.locator("#draw-actions")).to_be_hidden()
    return player.question.inner_text()


def follow_up(person_: Person) -> str:
    element = person_.page.locator("#card-follow-up")
    return element.inner_text() if element.is_visible() else ""


def open_display_settings(page: Page) -> None:
    """Press the header's "Weergave" button (it opens the panel below it)."""
    toggle = page.locator("#display-toggle")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(page.locator("#display-panel")).to_be_visible()


def close_display_settings(page: Page) -> None:
    toggle = page.locator("#display-toggle")
    if toggle.get_attribute("aria-expanded") == "true":
        toggle.click()
    expect(page.locator("#display-panel")).to_be_hidden()


def set_high_contrast(page: Page, on: bool = True) -> None:
    open_display_settings(page)
    page.locator("#high-contrast").set_checked(on)
    expect(page.locator("html")).to_have_attribute("data-contrast", "high" if on else "normal")
    close_display_settings(page)


def set_text_size(page: Page, size: int) -> None:
    open_display_settings(page)
    page.locator("#text-size").select_option(str(size))
    expect(page.locator("html")).to_have_attribute("data-text-size", str(size))
    close_display_settings(page)


def kick(host: Person, name: str) -> None:
    """The host opens the player's options menu and removes them (accepting the confirm)."""
    menu = host.page.locator("#player-list details.seat-menu").filter(
        has=host.page.locator("summary", has_text=f"Opties voor {name}")
    )
    menu.locator("summary").click()
    menu.locator("button[data-action=kick]").click()
    expect(host.page.locator("#player-list .player-name", has_text=name)).to_have_count(0)


def end_game(host: Person) -> None:
    host.page.click("#end-game")
    expect(host.page.locator("#ended")).to_be_visible()


def announced(page: Page) -> list[str]:
    return page.evaluate("window.__announced || []")


def wait_for_announcement(page: Page, *parts: str) -> str:
    """Wait until one announcement holds all ``parts``; returns it."""
    handle = page.wait_for_function(
        """(parts) => (window.__announced || []).find(
               (text) => parts.every((part) => text.includes(part)))""",
        arg=list(parts),
        timeout=TIMEOUT,
    )
    return handle.json_value()


def active_id(page: Page) -> str:
    """The id (or tag name) of the focused element."""
    return page.evaluate(
        "() => document.activeElement ? (document.activeElement.id || "
        "document.activeElement.tagName.toLowerCase()) : ''"
    )


def focus_signature(page: Page) -> str:
    """Something that tells which element has focus, also for elements without an id."""
    return page.evaluate(
        """() => {
             const el = document.activeElement;
             if (!el) return "";
             return [el.tagName, el.id, el.dataset.draw ?? "", el.dataset.react ?? "",
                     el.textContent.trim().slice(0, 40)].join("|");
           }"""
    )


def tab_to(page: Page, selector: str, *, backwards: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the element matching ``selector`` has focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never got focus with {key}; focus is on {active_id(page)}")


def overflow(page: Page) -> dict | None:
    """None if the page does not scroll sideways; else the widths and the widest elements."""
    return page.evaluate(
        """() => {
             const root = document.documentElement;
             if (root.scrollWidth <= root.clientWidth) return null;
             const wide = [...document.querySelectorAll("body *")]
               .filter((el) => el.checkVisibility())
               .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 ||
                  (el.getBoundingClientRect().left < -0.5 &&  /* right to left: out on the left */
                   el.getBoundingClientRect().right > 0) ||
                  (el.scrollWidth > el.clientWidth + 1 &&
                   getComputedStyle(el).overflowX === "visible"))
               .map((el) => {
                  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                    (el.className && typeof el.className === "string"
                      ? "." + el.className.trim().split(/\\s+/).join(".") : "");
                  const box = el.getBoundingClientRect();
                  const [left, right] = [Math.round(box.left), Math.round(box.right)];
                  return `${name} (left ${left}, right ${right}, content ${el.scrollWidth} wide)`;
               });
             return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
                      elements: wide.slice(0, 8) };
           }"""
    )


def settle(page: Page) -> None:
    """Let running CSS transitions end (buttons fade their colours when the scheme changes).

    Transitions inside a closed <details> never run, so this waits half a second at most.
    """
    page.evaluate(
        """() => Promise.race([
             Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
             new Promise((done) => setTimeout(done, 500)),
           ])"""
    )


# --- accessibility: collect every state's violations, report them together ------------------


class AxeReport:
    """Runs axe-core on many states and fails once, listing every problem found."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, page: Page, state: str, schemes: tuple[str, ...] = ("light", "dark")) -> None:
        for scheme in schemes:
            page.emulate_media(color_scheme=scheme)
            settle(page)
            label = f"{state} [{scheme}]"
            self.checked.append(label)
            for violation in axe_violations(page):
                targets = "; ".join(
                    " ".join(map(str, node["target"])) for node in violation["nodes"][:6]
                )
                self.problems.append(
                    f"{label}: {violation['id']} ({violation['impact']}) "
                    f"{violation['help']} — {targets}"
                )
        page.emulate_media(color_scheme="light")

    def assert_clean(self) -> None:
        assert not self.problems, (
            f"axe-core found {len(self.problems)} problem(s) in {len(self.checked)} states:\n"
            + "\n".join(self.problems)
        )


class SoftChecks:
    """Several expectations that are all checked (and reported) even when one fails.

    Use them once the page has settled (something drawn in the same render is already seen):
    each expectation then waits ``timeout`` ms only.
    """

    def __init__(self, timeout: int = 2_000) -> None:
        self.failures: list[str] = []
        self.timeout = timeout

    def check(self, what: str, assertion: Callable[[], object]) -> None:
        expect.set_options(timeout=self.timeout)
        try:
            assertion()
        except AssertionError as error:
            first = str(error).strip().splitlines()
            self.failures.append(f"{what}: {' / '.join(first[:2])}")
        finally:
            expect.set_options(timeout=TIMEOUT)

    def assert_all(self) -> None:
        assert not self.failures, "\n".join(self.failures)


# --- hostile text: whatever people type stays text, in every view ------------------------------

# Each payload would set window.__xss if it ever ran; each is at most MAX_NAME_LENGTH long, so it
# fits every field (names included).
IMG_PAYLOAD = "<img src=x onerror=window.__xss=1>"
SCRIPT_PAYLOAD = "<script>window.__xss=1</script>"
SVG_PAYLOAD = '"><svg onload=window.__xss=1>'
JAVASCRIPT_LINK = "javascript:window.__xss=1"
TEMPLATE_PAYLOAD = "{{7*7}} ${7*7} {% raw %}"
RTL_OVERRIDE = "Eva\u202egnp.exe"  # a right-to-left override that hides the end of a text
EMOJI = "Zoë 👩🏽‍🦱 🎉"
LONG_WORD = "Kletsbordenonderwerpsuitnodigingsbrieven"  # 40 letters, no place to break
HOSTILE_STRINGS = (
    IMG_PAYLOAD,
    SCRIPT_PAYLOAD,
    SVG_PAYLOAD,
    JAVASCRIPT_LINK,
    TEMPLATE_PAYLOAD,
    RTL_OVERRIDE,
    EMOJI,
    LONG_WORD,
)

# What would be there if a payload had become markup or code.
_INJECTED = """
() => {
  const found = [];
  if (typeof window.__xss !== "undefined") found.push("window.__xss was set: a payload ran");
  const made = "img[src='x'], svg[onload], [onerror], [onload]";
  for (const el of document.querySelectorAll(made)) {
    found.push(`<${el.tagName.toLowerCase()}> made from typed text`);
  }
  const links = ["href", "src", "action", "formaction", "xlink:href"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) found.push(`${el.tagName} has ${attr.name}`);
      if (links.includes(attr.name) && /^\\s*javascript:/i.test(attr.value)) {
        found.push(`${el.tagName} ${attr.name}="${attr.value}"`);
      }
    }
  }
  for (const script of document.scripts) {
    if (script.textContent.includes("__xss")) found.push("an injected <script> is in the page");
  }
  return found;
}
"""


def shown_as(text: str) -> str:
    """How the game shows a typed name or answer: invisible and bidi controls are taken out."""
    return "".join(ch for ch in text if ch == "\u200d" or unicodedata.category(ch) != "Cf")


def assert_inert(page: Page, *shown: str) -> None:
    """Hostile text stayed text in ``page``: no payload ran, no element, handler or
    ``javascript:`` link was made of it, and each of ``shown`` is on the page, literally, as
    visible text. Use it on every page that shows something a person typed."""
    expect(page.locator("body")).to_be_visible()
    for text in shown:
        expect(page.locator("body")).to_contain_text(text, use_inner_text=True)
    found = page.evaluate(_INJECTED)
    assert not found, f"{page.url}: " + "; ".join(found)


def log_in(page: Page, username: str) -> None:
    """Log in to the editor through its login page (the account exists: create_account)."""
    page.goto("/admin/login")
    page.get_by_label("Naam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text(f"Ingelogd als {username}")).to_be_visible()
