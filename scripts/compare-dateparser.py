#!/usr/bin/env python3
"""Compare Python's dateparser with Nano on the date expressions of a corpus.

Usage: compare-dateparser.py CORPUS.tsv [--bin PATH]

Needs `pip install dateparser` (this script installs nothing). The corpus has the columns of
the interpretation corpus: id, now (RFC 3339), input, expect (JSON). Only rows whose expect
names `job.date`, `reminder.due` or `report.from` are scored. dateparser reads the whole line
with languages=['id'], RELATIVE_BASE from the row's `now`, and PREFER_DATES_FROM 'future' for
reminders and 'past' for jobs and reports. It is scored on the expected day (and, for
reminders, the time of day); Nano runs as `nano tafsir --json --tanpa-model`.
Prints both accuracies.
"""
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile

try:
    import dateparser
    from dateparser.search import search_dates
except ImportError:
    sys.exit("compare-dateparser: dateparser is missing; install it with: pip install dateparser")

FIELDS = ("job.date", "reminder.due", "report.from")


def lookup(obj, path):
    for key in path.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def same_moment(actual, expected):
    """Compare a date (YYYY-MM-DD) by day and a datetime by instant."""
    if actual is None:
        return False
    if len(expected) == 10:
        return str(actual)[:10] == expected
    try:
        return dt.datetime.fromisoformat(str(actual)) == dt.datetime.fromisoformat(expected)
    except ValueError:
        return False


def dateparser_value(text, now, field):
    """Return dateparser's reading of the line in the form of `field`, or None."""
    base = dt.datetime.fromisoformat(now)
    settings = {
        "RELATIVE_BASE": base.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future" if field == "reminder.due" else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    # The whole line first; dateparser often refuses lines with other words, so fall back to
    # the first date expression its search finds.
    found = dateparser.parse(text, languages=["id"], settings=settings)
    if found is None:
        hits = search_dates(text, languages=["id"], settings=settings) or []
        found = hits[0][1] if hits else None
    if found is None:
        return None
    if field == "reminder.due":
        return found.replace(tzinfo=base.tzinfo).isoformat()
    return found.date().isoformat()


def nano_value(binary, text, now, field, home):
    env = dict(os.environ, NANO_NOW=now, NANO_HOME=home)
    env.pop("NANO_MODEL", None)
    run = subprocess.run([binary, "tafsir", "--json", "--tanpa-model", "--", text],
                         capture_output=True, text=True, timeout=20, env=env)
    if run.returncode != 0:
        return None
    return lookup(json.loads(run.stdout), field)


def main():
    args = sys.argv[1:]
    corpora = [a for a in args if a.endswith(".tsv")]
    if not corpora:
        sys.exit(__doc__)
    binary = args[args.index("--bin") + 1] if "--bin" in args else "target/release/nano"
    home = tempfile.mkdtemp(prefix="nano-compare-")
    rows = scored = nano_right = parser_right = 0
    for path in corpora:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n")
                if not line or line.startswith(("#", "id\t")):
                    continue
                case_id, now, text, expect = line.split("\t")
                expect = json.loads(expect)
                rows += 1
                for field in FIELDS:
                    if field not in expect:
                        continue
                    scored += 1
                    want = expect[field]
                    nano_ok = same_moment(nano_value(binary, text, now, field, home), want)
                    got = dateparser_value(text, now, field)
                    parser_ok = same_moment(got, want)
                    nano_right += nano_ok
                    parser_right += parser_ok
                    if "--verbose" in args and not parser_ok:
                        print(f"dateparser {case_id}: {text!r}: {got!r} (want {want})")
    print(f"{scored} date expressions in {rows} rows")
    print(f"nano:       {nano_right}/{scored} = {100 * nano_right / max(scored, 1):.1f}%")
    print(f"dateparser: {parser_right}/{scored} = {100 * parser_right / max(scored, 1):.1f}%")


if __name__ == "__main__":
    main()
