"""The Vietnamese catalogue: complete, compiled, and served by default.

The .po is parsed here with a small reader (no dependency); the committed .mo is checked
against it, and against GNU msgfmt's own compilation when msgfmt is installed.
"""

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.html import escape

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"

# %(name)s, %(n)d, %s, %%, and {name} / {0}: what must survive translation unchanged.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|\{[^{}]*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header included, obsolete (#~) entries left out."""
    entries: list[Entry] = []
    entry = Entry(line=1)
    kind, index = "msgid", 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if entry.msgstr and line.startswith(("#", "msgctxt ", "msgid ")):
            entries.append(entry)  # the previous entry ended with its msgstr
            entry = Entry(line=number)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            text = ast.literal_eval(line)
        else:
            keyword, _, value = line.partition(" ")
            plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural:
                kind, index = "msgstr", int(plural.group(1))
            elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
                kind, index = keyword, 0
            else:
                raise ValueError(f"{path}:{number}: cannot read {raw!r}")
            text = ast.literal_eval(value)
        if kind == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + text
        else:
            setattr(entry, kind, (getattr(entry, kind) or "") + text)
    if entry.msgstr:
        entries.append(entry)
    return entries


def _messages() -> list[Entry]:
    return [entry for entry in parse_po(PO) if entry.msgid]


def _header() -> dict[str, str]:
    header = next(entry for entry in parse_po(PO) if not entry.msgid and not entry.msgctxt)
    pairs = (line.partition(":") for line in header.msgstr[0].splitlines() if line)
    return {key.strip(): value.strip() for key, _, value in pairs}


def _catalogue(mo: Path) -> dict[object, str]:
    with mo.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]


def test_the_catalogue_is_where_django_looks_for_it() -> None:
    assert CATALOGUE.parent.parent in [Path(p) for p in settings.LOCALE_PATHS]
    assert settings.LANGUAGE_CODE == "vi"


def test_header_declares_vietnamese_utf8_and_one_plural_form() -> None:
    header = _header()

    assert header["Language"] == "vi"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "@" not in header.get("Last-Translator", "")  # a team, not a person's address
    assert "fuzzy" not in next(e for e in parse_po(PO) if not e.msgid).flags


def test_every_message_is_translated_and_not_fuzzy() -> None:
    entries = _messages()
    assert len(entries) > 200  # the whole catalogue was read, not a fragment

    assert any(e.msgid_plural is not None for e in entries)  # plural entries are read too

    fuzzy = [f"{PO.name}:{e.line} {e.msgid!r}" for e in entries if "fuzzy" in e.flags]
    empty = [
        f"{PO.name}:{e.line} {e.msgid!r}"
        for e in entries
        if not e.msgstr or not all(text.strip() for text in e.msgstr.values())
    ]
    wrong_plurals = [
        f"{PO.name}:{e.line} {e.msgid!r}"
        for e in entries
        if e.msgid_plural is not None and sorted(e.msgstr) != [0]
    ]

    assert not fuzzy, "fuzzy entries (check the translation, then drop the flag):\n" + "\n".join(
        fuzzy
    )
    assert not empty, "untranslated entries:\n" + "\n".join(empty)
    assert not wrong_plurals, "Vietnamese has one plural form, msgstr[0]:\n" + "\n".join(
        wrong_plurals
    )


def test_translations_keep_their_placeholders() -> None:
    changed = []
    for entry in _messages():
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = sorted(set().union(*(PLACEHOLDER.findall(text) for text in sources)))
        for text in entry.msgstr.values():
            if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                changed.append(f"{PO.name}:{entry.line} {entry.msgid!r} -> {text!r}")
    assert not changed, "placeholders differ from the msgid:\n" + "\n".join(changed)


def test_committed_mo_holds_exactly_the_po_messages() -> None:
    """Works without gettext tools: the .mo against the .po as read above."""
    expected: dict[object, str] = {}
    for entry in parse_po(PO):
        if entry.msgid and ("fuzzy" in entry.flags or not entry.msgstr.get(0)):
            continue  # msgfmt leaves fuzzy and untranslated entries out
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural is None:
            expected[key] = entry.msgstr[0]
        else:
            expected.update({(key, i): text for i, text in entry.msgstr.items()})

    # msgfmt leaves POT-Creation-Date out of the compiled header.
    expected[""] = "".join(
        line for line in expected[""].splitlines(keepends=True) if not line.startswith("POT-")
    )
    assert _catalogue(MO) == expected, "compile again: manage.py compilemessages -l vi"


def test_committed_mo_matches_msgfmt_output(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt is not installed: the .mo is compared with the .po only")
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(PO)], check=True)

    assert _catalogue(MO) == _catalogue(fresh), "compile again: manage.py compilemessages -l vi"


def _vi(msgid: str) -> str:
    text = next(entry.msgstr[0] for entry in _messages() if entry.msgid == msgid)
    assert text != msgid and not text.isascii()
    return text


@pytest.mark.django_db
def test_admin_login_leads_to_the_vietnamese_sign_in(client: Client) -> None:
    with translation.override("vi"):
        log_in = translation.gettext("Sign in")
    assert log_in != "Sign in"

    response = client.get("/admin/login/", headers={"accept-language": "vi"}, follow=True)
    html = response.content.decode()

    assert '<html lang="vi"' in html
    assert escape(log_in) in html
