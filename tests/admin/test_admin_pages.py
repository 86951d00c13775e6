"""The deck editor's pages over HTTP: forms that save or say what is wrong next to the field,
publishing, history and restore, import with a dry run, export, and accounts."""

from __future__ import annotations

import base64
import io
import json
import re
from html import unescape

from flask import Flask
from support.admin import Auth

from kletsborden.app import database
from kletsborden.deck_editor.cards import get_card
from kletsborden.deck_editor.editions import get_edition, history

NEW_CARD = {
    "id": "",
    "sense": "zien",
    "kind": "gewoon",
    "depth": "2",
    "active": "on",
    "nl-question": "Wat zag je vandaag\nonderweg?",
    "nl-follow_up": "",
    "en-question": "",
}


def page(response) -> str:
    return response.get_data(as_text=True)


def new_edition(admin: Auth, name: str = "Mijn buurt") -> str:
    response = admin.post("/admin/editions/new", {"id": "", "name-nl": name, "name-en": ""})
    assert response.status_code == 302, page(response)
    return response.location.rsplit("/", 1)[-1]


def test_an_edition_and_a_card_made_through_the_forms(app: Flask, admin: Auth) -> None:
    slug = new_edition(admin, "Mijn Buurt!")
    assert slug == "mijn-buurt"
    db = database(app)
    assert get_edition(db, slug).status == "draft"
    response = admin.post(f"/admin/editions/{slug}/cards/new", NEW_CARD)
    assert response.status_code == 302
    assert response.location.endswith(f"/admin/editions/{slug}#card-zien-01")
    card = get_card(db, slug, "zien-01")
    assert card.texts["nl"].question == "Wat zag je vandaag onderweg?", "one line, as saved"
    assert card.depth == 2 and "en" not in card.texts
    listing = page(admin.client.get(f"/admin/editions/{slug}"))
    assert "Wat zag je vandaag onderweg?" in listing and "Kaart zien-01 is gemaakt." in listing
    assert "Mist Engels" in listing
    actions = [(e.action, e.actor) for e in history(db, slug)]
    assert actions == [("card_created", "anna"), ("edition_created", "anna")]


def test_faults_show_next_to_their_field_and_nothing_is_saved(app: Flask, admin: Auth) -> None:
    slug = new_edition(admin)
    form = {**NEW_CARD, "sense": "", "nl-question": "x" * 301, "id": "Mijn Kaart"}
    response = admin.post(f"/admin/editions/{slug}/cards/new", form)
    assert response.status_code == 400
    html = page(response)
    assert re.search(
        r'id="field-nl-question-error">Dit is 301 tekens lang\. Er passen er 300', html
    )
    textarea = (
        'id="field-nl-question" name="nl-question" rows="3" lang="nl" dir="ltr" '
        'aria-describedby="field-nl-question-hint field-nl-question-error" aria-invalid="true"'
    )
    assert textarea in html
    assert 'id="field-sense-error">Kies een van de mogelijkheden.' in html
    assert 'id="field-id-error">Gebruik alleen kleine letters' in html
    assert '<a href="#field-nl-question">Vraag (Nederlands): Dit is 301 tekens' in html
    assert "x" * 301 in html, "what was typed is kept"
    assert get_edition(database(app), slug).cards == ()
    assert [e.action for e in history(database(app), slug)] == ["edition_created"]


def test_faults_are_in_english_on_an_english_page(admin: Auth) -> None:
    slug = new_edition(admin)
    admin.client.get("/admin/?lang=en")
    response = admin.post(f"/admin/editions/{slug}/cards/new", {**NEW_CARD, "nl-question": ""})
    assert "Write the question in at least one language." in page(response)


def test_typed_text_is_never_html(app: Flask, admin: Auth) -> None:
    slug = new_edition(admin, "<b>Vet</b>")
    script = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    admin.post(f"/admin/editions/{slug}/cards/new", {**NEW_CARD, "nl-question": script})
    for url in (f"/admin/editions/{slug}", f"/admin/editions/{slug}/cards/zien-01", "/admin/"):
        html = page(admin.client.get(url))
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Vet" not in html
        assert "&lt;script&gt;" in html or "&lt;b&gt;Vet" in html


def test_publishing_is_a_step_and_needs_a_card_in_play(app: Flask, admin: Auth) -> None:
    slug = new_edition(admin)
    response = admin.post(f"/admin/editions/{slug}/status", {"step": "publish"})
    assert "Publiceren kan nog niet" in page(admin.client.get(response.location))
    assert get_edition(database(app), slug).status == "draft"
    admin.post(f"/admin/editions/{slug}/cards/new", NEW_CARD)
    admin.post(f"/admin/editions/{slug}/status", {"step": "publish"})
    assert get_edition(database(app), slug).status == "published"
    admin.post(f"/admin/editions/{slug}/status", {"step": "archive"})
    assert get_edition(database(app), slug).status == "archived"
    link = f'href="/admin/editions/{slug}"'
    assert link not in page(admin.client.get("/admin/"))
    assert link in page(admin.client.get("/admin/?archived=1"))


def test_edit_history_and_restore(app: Flask, admin: Auth) -> None:
    db = database(app)
    url = "/admin/editions/kletsborden/cards/horen-01"
    form = {"sense": "horen", "kind": "gewoon", "depth": "1", "active": "on"}
    form |= {"nl-question": "Welk geluid maakt jou vrolijk?", "en-question": "Which sound?"}
    old = get_card(db, "kletsborden", "horen-01")
    response = admin.post(url, form, page=url)
    assert response.status_code == 302
    assert get_card(db, "kletsborden", "horen-01").texts["nl"].question.endswith("vrolijk?")
    html = page(admin.client.get(f"{url}/history"))
    assert "Kaart veranderd" in html and "door anna" in html
    assert "Vraag (Nederlands)" in html and "Welk geluid maakt jou vrolijk?" in html
    (entry,) = [e for e in history(db, "kletsborden", "horen-01") if e.action == "card_changed"]
    admin.post(f"{url}/restore", {"entry": entry.id, "side": "before"})
    assert get_card(db, "kletsborden", "horen-01") == old
    assert history(db, "kletsborden", "horen-01")[0].action == "card_restored"


def test_someone_elses_save_is_not_overwritten_unseen(app: Flask, admin: Auth) -> None:
    url = "/admin/editions/kletsborden/cards/horen-02"
    based_on = re.search(r'name="based_on" value="(\w+)"', page(admin.client.get(url))).group(1)
    form = {"sense": "horen", "kind": "gewoon", "depth": "1", "active": "on", "based_on": based_on}
    admin.post(url, {**form, "nl-question": "Eerste versie?"}, page=url)
    response = admin.post(url, {**form, "nl-question": "Tweede versie?"}, page=url)
    assert response.status_code == 409
    assert "Iemand anders heeft deze kaart opgeslagen" in page(response)
    card = get_card(database(app), "kletsborden", "horen-02")
    assert card.texts["nl"].question == "Eerste versie?"
    fresh = re.search(r'name="based_on" value="(\w+)"', page(response)).group(1)
    admin.post(url, {**form, "based_on": fresh, "nl-question": "Tweede versie?"}, page=url)
    card = get_card(database(app), "kletsborden", "horen-02")
    assert card.texts["nl"].question == "Tweede versie?"


def test_filters_search_and_moving(app: Flask, admin: Auth) -> None:
    slug = new_edition(admin)
    for question in ("Wat zie je één keer?", "Wat zie je vaak?", "Wat hoor je?"):
        sense = "horen" if "hoor" in question else "zien"
        admin.post(
            f"/admin/editions/{slug}/cards/new",
            {**NEW_CARD, "sense": sense, "nl-question": question},
        )
    listing = page(admin.client.get(f"/admin/editions/{slug}?q=een+keer"))
    assert "Wat zie je één keer?" in listing and "Wat zie je vaak?" not in listing
    listing = page(admin.client.get(f"/admin/editions/{slug}?sense=horen&missing=en"))
    assert "Wat hoor je?" in listing and "Wat zie je vaak?" not in listing
    assert "1 van de 3 kaarten." in listing
    admin.post(f"/admin/editions/{slug}/cards/zien-02/move", {"step": "up"})
    order = [c.id for c in get_edition(database(app), slug).cards]
    assert order == ["zien-02", "zien-01", "horen-01"]
    admin.post(f"/admin/editions/{slug}/cards/zien-02/active", {"active": "off"})
    assert not get_card(database(app), slug, "zien-02").active


def test_import_shows_a_dry_run_then_imports(app: Flask, admin: Auth) -> None:
    db = database(app)
    export = admin.client.get("/admin/export/download?edition=kletsborden&format=json")
    document = json.loads(export.data)
    document["editions"][0]["cards"][0]["texts"]["nl"]["question"] = "Nieuwe vraag?"
    document["editions"][0]["status"] = "draft"
    upload = json.dumps(document).encode()
    response = admin.post(
        "/admin/import",
        {"step": "preview", "file": (io.BytesIO(upload), "kaarten.json")},
        page="/admin/import",
        content_type="multipart/form-data",
    )
    html = page(response)
    assert response.status_code == 200
    assert "Kaarten die veranderen" in html and "Nieuwe vraag?" in html
    assert "Veranderd: 1." in html
    assert get_card(db, "kletsborden", "horen-01").texts["nl"].question != "Nieuwe vraag?"
    content = re.search(r'name="content" value="([^"]+)"', html).group(1)
    response = admin.post(
        "/admin/import",
        {"step": "confirm", "filename": "kaarten.json", "content": content},
        page="/admin/import",
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert get_card(db, "kletsborden", "horen-01").texts["nl"].question == "Nieuwe vraag?"
    assert get_edition(db, "kletsborden").status == "published", "the editor never unpublishes"
    entry = history(db, "kletsborden", "horen-01")[0]
    assert (entry.action, entry.actor) == ("card_imported", "anna")


def test_a_faulty_import_says_why_and_writes_nothing(app: Flask, admin: Auth) -> None:
    csv_text = (
        "\ufeffedition;position;id;sense;kind;depth;language;question\n"
        "kletsborden;1;horen-01;ruiken;gewoon;1;nl;Wat ruik je?\n"
    )
    response = admin.post(
        "/admin/import",
        {"step": "preview", "file": (io.BytesIO(csv_text.encode()), "kaarten.csv")},
        page="/admin/import",
        content_type="multipart/form-data",
    )
    html = page(response)
    assert response.status_code == 400
    assert "kan niet worden geïmporteerd (2 problemen)" in html
    assert fault_rows(html) == [
        ["2", "kletsborden", "", "Naam", "Vul dit in."],
        ["2", "kletsborden", "horen-01", "Zintuig", SENSE_FAULT],
    ]
    assert 'name="step" value="confirm"' not in html
    assert get_card(database(app), "kletsborden", "horen-01").sense == "horen"


SENSE_FAULT = "Moet horen, zien of voelen zijn (nu: 'ruiken')."


def fault_rows(html: str) -> list[list[str]]:
    """The cells of the import's fault table, as text."""
    table = html.split('<table class="faults">', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in row] for row in cells]


def test_import_faults_say_row_edition_card_field_value_and_choices(admin: Auth) -> None:
    """Several faults at once, each where it is, in Dutch only; 'Concept' is a status."""
    csv_text = (
        "edition,edition_status,edition_name_nl,position,id,sense,kind,depth,language,question\n"
        "buurt,Concept,Buurt,1,b-1,ruiken,gewoon,1,nl,Wat ruik je?\n"
        'buurt,Concept,Buurt,2,b-2,horen,gewoon,1,nl,"Wat hoor je\nvaak?"\n'
        "buurt,Concept,Buurt,3,b-3,horen,gewoon,9,en,What?\n"
        "buurt,klaar,Buurt,4,b-4,horen,gewoon,1,nl,Wat?\n"
    )
    response = admin.post(
        "/admin/import",
        {"step": "preview", "file": (io.BytesIO(csv_text.encode()), "buurt.csv")},
        page="/admin/import",
        content_type="multipart/form-data",
    )
    html = page(response)
    assert "(4 problemen)" in html and "(1 problemen)" not in html
    assert fault_rows(html) == [
        ["5", "buurt", "", "edition_status", CSV_DIFFERS],
        ["2", "buurt", "b-1", "Zintuig", SENSE_FAULT],
        ["3", "buurt", "b-2", "Vraag (Nederlands)", LINE_BREAK],
        ["4", "buurt", "b-3", "Diepte", "Moet 1, 2 of 3 zijn (nu: 9)."],
    ]
    for english in ("must be", "got", "U+000A", "row ", "card "):
        assert english not in html.split("<main", 1)[1]


CSV_DIFFERS = (
    "Staat anders dan in rij 2 (nu: “klaar”). "
    "Elke rij van dezelfde kaart of editie moet hier hetzelfde hebben."
)
LINE_BREAK = (
    "Hier staat een nieuwe regel (Enter) na “Wat hoor je”. "
    "Een kaart is één regel: zet de tekst achter elkaar."
)


def test_a_status_in_the_editors_own_words_is_read(app: Flask, admin: Auth) -> None:
    csv_text = (
        "edition,edition_status,edition_name_nl,position,id,sense,kind,depth,language,question\n"
        "buurt,Concept,Buurt,1,b-1,zien,gewoon,1,nl,Wat zie je?\n"
    )
    response = admin.post(
        "/admin/import",
        {"step": "preview", "file": (io.BytesIO(csv_text.encode()), "buurt.csv")},
        page="/admin/import",
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, fault_rows(page(response))
    assert 'name="step" value="confirm"' in page(response)


def test_the_confirm_step_keeps_card_and_field_of_each_fault(admin: Auth) -> None:
    """A file changed between the dry run and the confirm is checked again, and its faults
    are shown as precisely as in the dry run."""
    csv_text = (
        "edition,position,id,sense,kind,depth,language,question\n"
        "kletsborden,1,horen-01,ruiken,gewoon,1,nl,Wat ruik je?\n"
    )
    content = base64.b64encode(csv_text.encode()).decode()
    response = admin.post(
        "/admin/import",
        {"step": "confirm", "filename": "kaarten.csv", "content": content},
        page="/admin/import",
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert ["2", "kletsborden", "horen-01", "Zintuig", SENSE_FAULT] in fault_rows(page(response))


def test_export_downloads(admin: Auth) -> None:
    response = admin.client.get("/admin/export/download?edition=kletsborden&format=csv-excel")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeffedition;edition_status;")
    assert admin.client.get("/admin/export/download?format=xml").status_code == 400


def test_an_admin_makes_an_account(app: Flask, admin: Auth) -> None:
    form = {"username": "bram", "role": "facilitator", "password": "kort", "password_again": "x"}
    response = admin.post("/admin/accounts", form, page="/admin/accounts")
    assert "De twee wachtwoorden zijn niet hetzelfde." in page(response)
    response = admin.post(
        "/admin/accounts", {**form, "password_again": "kort"}, page="/admin/accounts"
    )
    assert "Het wachtwoord moet minstens 10 tekens hebben." in page(response)
    long = {**form, "password": "een ander wachtwoord", "password_again": "een ander wachtwoord"}
    assert admin.post("/admin/accounts", long, page="/admin/accounts").status_code == 302
    response = admin.post("/admin/accounts", long, page="/admin/accounts")
    assert "Er is al een account met deze naam." in page(response)
    other = Auth(app.test_client())
    assert other.login("bram", "een ander wachtwoord").status_code == 302


def test_an_excel_file_not_saved_as_utf8_gets_a_plain_answer(admin: Auth) -> None:
    text = "edition;position;id;sense;kind;depth;language;question\nx;1;a;zien;gewoon;1;nl;Wät?\n"
    response = admin.post(
        "/admin/import",
        {"step": "preview", "file": (io.BytesIO(text.encode("cp1252")), "kaarten.csv")},
        page="/admin/import",
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Regel 2: het bestand is niet als UTF-8 bewaard." in page(response)


def test_kopie_maken_makes_a_new_version_that_replaces_the_published_edition(
    app: Flask, admin: Auth
) -> None:
    response = admin.post(
        "/admin/editions/kletsborden/duplicate",
        {"id": "", "name-nl": "Kletsborden", "name-en": ""},
        page="/admin/editions/kletsborden/duplicate",
    )
    assert response.status_code == 302
    copy = response.location.rsplit("/", 1)[-1]
    note = "Dit concept is een nieuwe versie van editie kletsborden."
    assert note in page(admin.client.get(f"/admin/editions/{copy}"))
    assert note in page(admin.client.get(f"/admin/editions/{copy}/status?step=publish"))
    response = admin.post(f"/admin/editions/{copy}/status", {"step": "publish"})
    assert response.location.endswith("/admin/editions/kletsborden")
    shown = page(admin.client.get(response.location))
    assert f"Het concept {copy} is gepubliceerd als nieuwe versie van editie kletsborden." in shown
    assert admin.client.get(f"/admin/editions/{copy}").status_code == 404
    assert get_edition(database(app), "kletsborden").status == "published"
