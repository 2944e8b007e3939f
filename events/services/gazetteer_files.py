"""The gazetteer data files (events/extraction/data/{countries,actors,topics,organizations}.json): read
and checked into the plain shapes the database sync (gazetteer_sync) writes. A missing file is an empty
list; a file that cannot be used raises GazetteerFileError naming the file, the entry and the reason."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent.parent / "extraction" / "data"
FILES = {"countries": "countries.json", "actors": "actors.json", "topics": "topics.json",
         "organizations": "organizations.json"}
ALIAS_KINDS = {"name", "adjective", "capital"}


class GazetteerFileError(ValueError):
    """A gazetteer data file that cannot be loaded; the message names the file, the entry and the reason."""


# --------------------------------------------------------------------------------------------- reading


def read_gazetteer_files(data_dir: Path | str | None = None) -> dict:
    """The three data files as {"countries": [...], "actors": [...], "topics": [...]}, checked.

    A missing file gives an empty list (the extraction engineer may not have written it yet); a file that
    is not valid JSON or has entries of the wrong shape raises GazetteerFileError.
    """
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    data = {}
    for kind, filename in FILES.items():
        path = folder / filename
        if not path.exists():
            data[kind] = []
            continue
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GazetteerFileError(f"{path}: not readable as JSON: {exc}") from exc
        if isinstance(entries, dict) and isinstance(entries.get(kind), list):
            entries = entries[kind]
        if not isinstance(entries, list):
            raise GazetteerFileError(f"{path}: expected a list of {kind}, found {type(entries).__name__}")
        data[kind] = [_CHECKERS[kind](path, index, entry) for index, entry in enumerate(entries)]
    return data


def _need(path, index, entry, key, kind=str, optional=False):
    value = entry.get(key) if isinstance(entry, dict) else None
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        name = entry.get("name", "") if isinstance(entry, dict) else ""
        raise GazetteerFileError(f"{path}: entry {index} {name!r}: {key!r} must be a non-empty {kind.__name__}")
    return value.strip() if kind is str else value


def _iso_date(path, index, value, what):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise GazetteerFileError(f"{path}: entry {index}: {what} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_country(path, index, entry):
    code = _need(path, index, entry, "code").upper()
    if len(code) != 2 or not code.isalpha():
        raise GazetteerFileError(f"{path}: entry {index}: country code {code!r} is not ISO 3166-1 alpha-2")
    aliases = []
    for alias in entry.get("aliases") or []:
        if isinstance(alias, str):
            alias = {"text": alias, "kind": "name"}
        text = _need(path, index, alias, "text")
        kind = alias.get("kind") or "name"
        if kind not in ALIAS_KINDS:
            raise GazetteerFileError(f"{path}: entry {index}: alias {text!r} has kind {kind!r}, not one of "
                                     f"{sorted(ALIAS_KINDS)}")
        aliases.append({"text": text, "kind": kind})
    return {"code": code, "name": _need(path, index, entry, "name"), "official_name": _text(entry, "official_name"),
            "aliases": aliases}


def _text(entry, key, limit=None) -> str:
    """An optional text field, stripped ("" when missing), cut to `limit` characters."""
    text = (entry.get(key) or "").strip()
    return text[:limit] if limit else text


def _code_or_none(entry, key):
    """An optional country code, upper-cased (None when missing or empty)."""
    return (entry.get(key) or "").upper() or None


def _names(values) -> list[str]:
    """The non-empty strings of a list, stripped."""
    return [v.strip() for v in values or [] if isinstance(v, str) and v.strip()]


def _period(path, index, item, what):
    """(start, end) of a dated item, checked to end on or after it starts (`what` names it in the message)."""
    start = _iso_date(path, index, item.get("start"), f"{what} start")
    end = _iso_date(path, index, item.get("end"), f"{what} end")
    return start, end, bool(start and end and end < start)


def _check_actor(path, index, entry):
    name = _need(path, index, entry, "name")
    return {"name": name, "aliases": _names(entry.get("aliases")), "country": _code_or_none(entry, "country"),
            "description": _text(entry, "description"),
            "roles": [_check_role(path, index, name, role) for role in entry.get("roles") or []],
            "source": _text(entry, "source", 300)}


def _check_role(path, index, name, role):
    title = _need(path, index, role, "title")
    start, end, backwards = _period(path, index, role, "role")
    if backwards:
        raise GazetteerFileError(f"{path}: entry {index} {name!r}: role {title!r} ends before it starts")
    return {"title": title, "country": _code_or_none(role, "country"), "start": start, "end": end}


def _check_organization(path, index, entry):
    name = _need(path, index, entry, "name")
    slug = _need(path, index, entry, "slug")
    if slug != slugify(slug):
        raise GazetteerFileError(f"{path}: entry {index} {name!r}: slug {slug!r} is not a slug")
    members = [_check_member(path, index, name, member) for member in entry.get("members") or []]
    return {"slug": slug, "name": name, "aliases": _names(entry.get("aliases")), "kind": _text(entry, "kind", 50),
            "founded": _iso_date(path, index, entry.get("founded"), "founded"),
            "dissolved": _iso_date(path, index, entry.get("dissolved"), "dissolved"),
            "note": _text(entry, "note"), "source": _text(entry, "source", 300), "members": members}


def _check_member(path, index, name, member):
    code = _need(path, index, member, "country").upper()
    start, end, backwards = _period(path, index, member, "membership")
    if backwards:
        raise GazetteerFileError(f"{path}: entry {index} {name!r}: membership of {code} ends before it starts")
    return {"country": code, "start": start, "end": end, "note": _text(member, "note", 300)}


def _check_topic(path, index, entry):
    name = _need(path, index, entry, "name")
    return {"name": name, "slug": _text(entry, "slug") or slugify(name), "keywords": _names(entry.get("keywords"))}


_CHECKERS = {"countries": _check_country, "actors": _check_actor, "topics": _check_topic,
             "organizations": _check_organization}
