"""Dump the extraction pipeline's output, to show a refactoring changes nothing.

    .venv/bin/python scripts/snapshot_extraction.py OUT.jsonl [--timebank] [--django] [--archive N]
    diff <(before) <(after)

One JSON line per item: the temporal tagger's output and the event mentions for each Monitor corpus
article (../shared/corpus/monitor, read at run time), for each synthetic sentence of
scripts/snapshot/sentences.txt and, with --timebank, for each TimeBank document (../shared/timebank,
anchored at its creation date) and, with --archive N, for the first N articles of the synthetic archive
(events/synthetic.py, seed 1, the model publication calendar). With --calendar, also the publication
calendar fitted to simulated volumes (events/extraction/calendar_sim.py; full, incremental and with
editors' pins and days): every issue's date, method, confidence, range, note and warnings, and every day. With --django, also the editors' date box (parse_date_text) and the
templates' date filters on a list of phrases (needs Django settings; no database).
"""
import argparse
import datetime
import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(SCRIPTS))

from bench_extraction import corpus_articles  # noqa: E402
from events.extraction.pipeline import extract_article  # noqa: E402
from events.extraction.calendar_fit import IssueInput  # noqa: E402
from events.extraction.timex import tag  # noqa: E402

TIMEBANK = REPO / ".." / "shared" / "timebank"
EVAL = REPO / ".." / "shared" / "tools" / "timex_eval.py"
SENTENCES = SCRIPTS / "snapshot" / "sentences.txt"
DATE_PHRASES = ["late January 2001", "spring 2001", "early 2000", "mid-March 2001", "2001-02-13",
                "February 2001", "winter 2000", "the first half of 2001", "13 February 2001", "Q3 2000",
                "2000", "late 1999", "December 31, 2000", "summer", "nonsense", "June", "early March",
                "the end of June 2001", "mid-May", "12-14 March 2001", "March 12-14", "last spring", "next summer",
                "this winter", "this month", "last year", "the 1990s", "first quarter of 2001", "h2 2000", "2001-q3",
                "late summer 2000", "in May", "winter", "28 Dec 2000", "the beginning of February",
                "from 3 March to 5 April 2001", "February 30", "Sept 2000", "the middle of december 2000"]


def _mentions(body, anchor):
    return [mention.as_dict() for mention in extract_article(body, anchor)]


def synthetic():
    for number, line in enumerate(SENTENCES.read_text(encoding="utf-8").splitlines()):
        if line.strip() and not line.startswith("#"):
            anchor, text = line.split("\t", 1)
            yield f"synthetic:{number}", text, datetime.date.fromisoformat(anchor)


def timebank():
    spec = importlib.util.spec_from_file_location("timex_eval", EVAL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path in sorted(TIMEBANK.glob("*.tml")):
        docid, dct, text, _ = module.load_tml(str(path))
        yield f"timebank:{docid}", text, datetime.date.fromisoformat(dct)


def archive(count):
    """The first `count` articles of the synthetic archive (seed 1), each with its issue date."""
    import re
    import tempfile

    from events.synthetic import ArchiveGenerator, ModelCalendar, volumes_for

    calendar = ModelCalendar()
    publication = re.compile(r"Publication: Monitor Volume: (\d+) Issue: (\d+)\n\n")
    with tempfile.TemporaryDirectory() as folder:
        ArchiveGenerator(seed=1, calendar=calendar).generate(Path(folder), volumes_for(count, 4, calendar=calendar),
                                                             4, limit=count)
        for path in sorted(Path(folder).rglob("*.txt")):
            text = path.read_text(encoding="utf-8")
            matches = list(publication.finditer(text))
            for index, match in enumerate(matches):
                end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
                body = text[match.end():end]
                if index + 1 < len(matches):
                    body = body.rstrip("\n").rsplit("\n\n", 1)[0]  # less the next article's headline
                issue = calendar.issue_date(int(match.group(1)), int(match.group(2)))
                yield f"archive:{path.name}:{index}", body, issue


def django_rows():
    import os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monitor_site.settings")
    os.environ.setdefault("DEBUG", "1")
    import django
    django.setup()
    from events.services.corrections import DateParseError, parse_date_text
    from events.templatetags import timeline
    for phrase in DATE_PHRASES:
        try:
            parsed = repr(parse_date_text(phrase, datetime.date(2001, 2, 13)))
        except DateParseError as error:
            parsed = f"error: {error}"
        yield {"id": f"date-box:{phrase}", "parsed": parsed}
    day = datetime.date
    intervals = [(day(2001, 1, 1), day(2001, 1, 10)), (day(2001, 1, 11), day(2001, 1, 20)),
                 (day(2001, 1, 21), day(2001, 1, 31)), (day(2001, 1, 1), day(2001, 1, 31)),
                 (day(2001, 3, 1), day(2001, 5, 31)), (day(2000, 12, 1), day(2001, 2, 28)),
                 (day(2001, 1, 1), day(2001, 12, 31)), (day(2001, 1, 1), day(2001, 6, 30)),
                 (day(2001, 7, 1), day(2001, 9, 30)), (day(2001, 2, 13), day(2001, 2, 13)),
                 (day(2001, 2, 12), day(2001, 2, 18)), (day(2001, 7, 21), day(2001, 7, 23)),
                 (day(1990, 1, 1), day(1999, 12, 31)), (day(2000, 12, 28), day(2001, 1, 3)),
                 (day(2001, 1, 1), day(2001, 4, 30)), (day(2001, 2, 1), day(2001, 2, 28))]
    for start, end in intervals:
        for grain in ("day", "week", "month", "season", "quarter", "half", "year", "decade"):
            yield {"id": f"when:{start}:{end}:{grain}", "text": timeline.format_interval(start, end, grain)}


def calendar_rows():
    import random

    from events.extraction.calendar_fit import fit_archive, fit_volume
    from events.extraction.calendar_sim import simulate

    for seed, cited, empty, missing in ((1, 2, 0.05, 0.0), (2, 0, 0.3, 0.1), (3, 5, 0.0, 0.2)):
        archive = simulate((7, 8, 9), random.Random(seed), articles=max(cited, 2), cited=cited, empty_share=empty,
                           missing_share=missing)
        volumes = _calendar_inputs(archive)
        fits = fit_archive(volumes)
        yield from _fit_rows(f"seed{seed}", fits)
        yield from _fit_rows(f"seed{seed}-pins", fit_archive(_pinned(volumes, archive), _editor_days(fits)))
        yield from _fit_rows(f"seed{seed}-incremental", fit_archive(volumes, previous=fits, only={8}))
        volume = min(volumes)
        yield from _fit_rows(f"seed{seed}-previous", {volume: fit_volume(volume, volumes[volume],
                                                                          previous=fits[volume])})
    yield from _fit_rows("empty", fit_archive({7: [], 12: [IssueInput(3)]}))


def _fit_rows(label, fits):
    for volume, fit in sorted(fits.items()):
        yield {"id": f"calendar:{label}:{volume}", "volume": fit.to_json(),
               "issues": [fit.issues[n].to_json() for n in sorted(fit.issues)]}


def _calendar_inputs(archive):
    from events.extraction.calendar import issue_evidence
    from events.extraction.calendar_sim import article_text

    inputs = {}
    for article in archive.articles:
        item = inputs.setdefault(article.volume, {}).setdefault(article.number, IssueInput(article.number))
        item.evidence.extend(issue_evidence(article.volume, article.number, article_text(article)))
    return {v: list(items.values()) for v, items in inputs.items()}


def _pinned(volumes, archive):
    """Every 37th issue pinned by an editor (one in three to a wrong day), and an issue beyond any calendar."""
    pinned = {v: [IssueInput(i.number, list(i.evidence), i.pinned, i.pin_note) for i in items]
              for v, items in volumes.items()}
    for volume, items in pinned.items():
        for index, item in enumerate(items[::37]):
            truth = archive.truth.get((volume, item.number))
            if truth is not None:
                item.pinned = truth if index % 3 else truth.replace(day=min(truth.day + 3, 28))
                item.pin_note = "editor"
    items.append(IssueInput(400, []))  # beyond any calendar (in the last volume)
    return pinned


def _editor_days(fits):
    """An editor's break on each volume's first issue day and an issue on its first break."""
    from events.extraction import calendar_data as kb
    from events.extraction.calendar_fit import DayRule

    return {v: [DayRule(fits[v].issues[min(fits[v].issues)].date, kb.BREAK, note="editor break"),
                DayRule(fits[v].breaks()[0].date, kb.PUBLISHED)] for v in fits if fits[v].breaks()}


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--timebank", action="store_true")
    parser.add_argument("--django", action="store_true")
    parser.add_argument("--calendar", action="store_true", help="also the calendar fitted to simulated volumes")
    parser.add_argument("--archive", type=int, default=0, help="also this many synthetic archive articles")
    parser.add_argument("--texts", help="also the texts of this JSON-lines file ({id, text, anchor} a line), "
                                        "e.g. an archive saved by --save-texts for a tree without events/synthetic.py")
    parser.add_argument("--save-texts", help="write the --archive texts to this JSON-lines file")
    return parser.parse_args(argv)


def _save_texts(texts, path):
    with open(path, "w", encoding="utf-8") as out:
        for key, text, anchor in texts:
            out.write(json.dumps({"id": key, "text": text, "anchor": anchor.isoformat()}) + "\n")


def _read_texts(path):
    with open(path, encoding="utf-8") as lines:
        return [(row["id"], row["text"], datetime.date.fromisoformat(row["anchor"])) for row in map(json.loads, lines)]


def text_sources(args):
    """The (id, text, anchor) sources the arguments ask for."""
    sources = [((f"corpus:{name}", body, anchor) for name, body, anchor in corpus_articles()), synthetic()]
    if args.timebank:
        sources.append(timebank())
    if args.archive:
        texts = list(archive(args.archive))
        if args.save_texts:
            _save_texts(texts, args.save_texts)
        sources.append(texts)
    if args.texts:
        sources.append(_read_texts(args.texts))
    return sources


def other_rows(args):
    """The rows that are not texts: the fitted calendars, the date box and the date filters."""
    if args.calendar:
        yield from calendar_rows()
    if args.django:
        yield from django_rows()


def _line(row):
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n"


def main(argv=None):
    args = _arguments(argv)
    count = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for source in text_sources(args):
            for key, text, anchor in source:
                out.write(_line({"id": key, "timexes": tag(text, anchor), "mentions": _mentions(text, anchor)}))
                count += 1
        for row in other_rows(args):
            out.write(_line(row))
    print(f"{count} texts written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
