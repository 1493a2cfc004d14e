"""The `ffgrid` command: validate, score and map assessments; benchmarks."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Sequence

from base.i18n import LANGUAGES, N_, Translated, _, environment_language, language, number, using
from framework import (
    Assessment, Method, Model, ValidationFailed, assessment_from_text, bundled_assessments, load_assessment, load_method,
)
from framework.translations import in_language
from framework.upgrades import Upgraded
from scoring import ScoredLine, count_ratings, score_assessment
from scoring.ratings import WORD

PROFILE_STATUS = Translated({"draft": N_("draft"), "confirmed": N_("confirmed")})  # a country profile's status


def _method(args: argparse.Namespace) -> Method:
    """The method (--model, else the bundled one) with the shipped country profiles, checking measures
    against the dashboard's indicators."""
    from dashboard.evidence import INDICATORS

    return load_method(args.model, indicators=INDICATORS)


def _open(args: argparse.Namespace) -> tuple[Assessment, Model]:
    """The assessment file named on the command line and its country's model."""
    return _opened(_method(args), args.assessment)


def _opened(method: Method, path: Path) -> tuple[Assessment, Model]:
    """An assessment file and its country's model."""
    assessment = load_assessment(path, method)
    return assessment, method.for_assessment(assessment)


def cmd_validate(args: argparse.Namespace) -> int:
    """Check the model and assessment files; print every problem; exit 1 if there is any."""
    problems: list[str] = []
    method: Method | None = None
    try:
        method = _method(args)
    except ValidationFailed as err:
        problems += [str(p) for p in err.problems]
    paths = [Path(p) for p in args.paths] or ([] if args.model else bundled_assessments())
    checked = 0
    for path in paths:
        if method is None:
            break
        try:
            load_assessment(path, method)
            checked += 1
        except ValidationFailed as err:
            problems += [str(p) for p in err.problems]
    if problems or method is None:
        return _refused(problems, _("{n} problem(s) found."))
    model = method.model
    print(_("ok: method {version} ({relationships} relationships, {standards} standards), {profiles} country "
            "profiles and {checked} assessment(s) are valid.").format(
        version=model.version, relationships=len(model.relationships), standards=len(model.standards),
        profiles=len(method.profiles), checked=checked))
    return 0


def _table(lines: list[ScoredLine], counts: dict[str, int]) -> str:
    # TRANSLATORS: the score table's headings: grid row, id, strand, the two actors, framework and action
    # scores (one letter each), rating
    head = (_("row"), "id", _("strand"), _("from"), _("to"), _("F"), _("A"), _("rating"))
    rows = [head] + [(str(ln.grid_row or ""), ln.relationship, ln.strand or "", ln.from_, ln.to,
                      _n(ln.framework), _n(ln.action), WORD[ln.rating]) for ln in lines]
    return _aligned(rows) + "\n\n" + "  ".join(f"{WORD[k]}: {v}" for k, v in counts.items())


def _aligned(rows: Sequence[Sequence[str]]) -> str:
    """Rows of text as columns padded to their widest cell."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def _labelled(model: Model, line: ScoredLine) -> dict[str, object]:
    """A scored line as data, with the national names of its two ends."""
    return {**line.as_dict(), "from_label": model.label(line.from_), "to_label": model.label(line.to)}


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)


def cmd_score(args: argparse.Namespace) -> int:
    """Print every line's scores and rating, and the counts, as a table, JSON or CSV."""
    assessment, model = _open(args)
    lines = score_assessment(model, assessment)
    counts = count_ratings(lines)
    if args.format == "json":
        doc = {"assessment": assessment.id, "country": assessment.country,
               "country_code": assessment.profile_code, "date": assessment.date,
               "model_version": assessment.model_version,
               "relationships": [_labelled(model, ln) for ln in lines], "counts": counts}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        import pandas as pd

        from exports.csv_text import csv_text

        rows = [_labelled(model, ln) for ln in lines]
        sys.stdout.write(csv_text(pd.DataFrame(rows, columns=list(rows[0]) if rows else ["id"], dtype=object)))
    else:
        print(f"{assessment.title} ({assessment.country}, {assessment.date})")
        print(_table(lines, counts))
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    """Write the systems map of an assessment as SVG, PNG or DOT."""
    from exports.systems_map import systems_map_dot, write_map

    assessment, model = _open(args)
    dot = systems_map_dot(model, score_assessment(model, assessment),
                          title=_("{country} {date}: systems map").format(country=assessment.country,
                                                                          date=assessment.date))
    _wrote(write_map(dot, args.output))
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    """Print the assessment's action plan as a status report (table) or JSON."""
    from framework.plan import STATUS_LABEL, status_report

    plan = _open(args)[0].plan
    if args.format == "json":
        print(json.dumps({"illustrative": plan.illustrative, "note": plan.note, "actions": [{
            "number": a.number, "title": a.title, "owner": a.owner, "due": a.due, "status": a.current.status,
            "status_date": a.current.date, "note": a.current.note, "relationships": list(a.relationships),
            "standards": list(a.standards), "recommendations": list(a.recommendations),
            "history": [h.model_dump() for h in a.history]} for a in sorted(plan.actions, key=lambda a: a.number)]},
            indent=2, ensure_ascii=False))
        return 0
    if plan.illustrative:
        print(_("EXAMPLE, not official: {note}").format(note=plan.note) + "\n")
    for status, actions in status_report(plan).items():
        if actions:
            print(_("KEY ACTIONS {status}").format(status=STATUS_LABEL[status].upper()))
            for a in actions:
                who = _("{owner}, due {due}").format(owner=a.owner, due=a.due) if a.due else a.owner
                print(f"{a.number:>3}  {a.title} ({who}); {a.current.date}" +
                      (f": {a.current.note}" if a.current.note else ""))
            print()
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    """List the shipped country profiles, or write a new one from the generic method."""
    from framework.profiles import dump_profile, init_profile, parse_profile

    method = _method(args)
    if args.action == "list":
        for code, p in method.profiles.items():
            model = method.country(p)
            lines = _("{n} lines").format(n=len(model.relationships))
            absent = _("{n} absent").format(n=len(model.absent)) if model.absent else ""
            print(f"{code}\t{p.title}\t{PROFILE_STATUS[p.status]}\t{', '.join(p.languages)}\t"
                  + ", ".join(filter(None, (lines, absent))))
        return 0
    labels = dict(_pair(item) for item in args.label or ())
    data = init_profile(method.model, args.code, args.name, args.language, _listed(args.strands), labels,
                        name_en=args.name_en)
    profile = parse_profile(data, "", f"profile init --code {args.code}", method.model)
    args.output.write_text(dump_profile(profile), encoding="utf-8")
    print(_("wrote {file}: profile {code} ({name}), {n} lines; name each actor as the country does, cite the "
            "source, then `ffgrid new --profile` it").format(file=args.output, code=profile.code, name=profile.name,
                                                           n=len(method.country(profile).relationships)))
    return 0


def cmd_i18n(args: argparse.Namespace) -> int:
    """The message catalogues: bring them up to date with the code (`extract`), or list what each
    language still lacks and fail if an interface language is incomplete (`check`)."""
    from base.catalogue_tools import extract, missing, update
    from base.i18n import LANGUAGES

    if args.action == "extract":
        template = update()
        print(_("{n} messages in the code; catalogues updated: {languages}").format(
            n=len(template), languages=", ".join(code for code in LANGUAGES if code != "en")))
        return 0
    template = extract()
    incomplete = 0
    for code, name in LANGUAGES.items():
        if code == "en":
            print(f"en ({name}): " + _("the code's own words, {n} messages").format(n=len(template)))
            continue
        lacking = missing(code, template)
        incomplete += bool(lacking)
        listed = "; ".join(lacking[:20]) + (" …" if len(lacking) > 20 else "")
        print(f"{code} ({name}): " + _("{done} of {n} messages translated").format(
            done=len(template) - len(lacking), n=len(template))
              + ("; " + _("missing: {messages}").format(messages=listed) if lacking else ""))
        print(_method_words_line(code))
    return 1 if incomplete else 0


def _method_words_line(code: str) -> str:
    """What a language's method file gives: how many of the method's words, whether they are a draft, and the
    first ids of those it lacks (shown in English; they do not fail the check)."""
    from base.paths import ROOT
    from framework.translations import bundled_method, lacking, method_path, method_words, missing

    total, untranslated, words = len(lacking(None, bundled_method())), missing(code), method_words(code)
    file = method_path(code).relative_to(ROOT)
    if words is None:
        return "  " + _("the method: no {file}, its {n} words are in English").format(file=file, n=total)
    status = _("a draft translation") if words.status == "draft" else _("confirmed")
    listed = ", ".join(untranslated[:5]) + (" …" if len(untranslated) > 5 else "")
    return ("  " + _("the method ({file}, {status}): {done} of {n} words").format(
        file=file, status=status, done=total - len(untranslated), n=total)
            + ("; " + _("{n} in English: {ids}").format(n=len(untranslated), ids=listed) if untranslated else ""))


def _pair(item: str) -> tuple[str, str]:
    actor, sep, name = item.partition("=")
    if not sep or not actor.strip() or not name.strip():
        raise ValueError(_("--label {item}: write ACTOR=NAME, e.g. police=Polícia de Segurança Pública").format(
            item=repr(item)))
    return actor.strip(), name.strip()


def _listed(text: str | None) -> list[str]:
    return [s.strip() for s in (text or "").split(",") if s.strip()]


def cmd_new(args: argparse.Namespace) -> int:
    """Write a blank assessment (every line unscored, status draft) of a country profile."""
    from framework.assessment_yaml import dump_assessment
    from framework.profiles import blank_assessment, load_profile

    method = _method(args)
    if args.profile in method.profiles:
        profile = method.profiles[args.profile]
    elif Path(args.profile).is_file():
        profile = load_profile(args.profile, method.model)
    else:
        raise ValueError(_("--profile {profile}: neither a shipped profile ({shipped}) nor a profile file").format(
            profile=args.profile, shipped=", ".join(method.profiles)))
    assessment = blank_assessment(method, profile, args.date, args.title, args.author or "ffgrid new")
    text = dump_assessment(assessment)
    assessment_from_text(text, str(args.output), method)  # what is written reads back valid
    args.output.write_text(text, encoding="utf-8")
    print(_("wrote {file}: {title}, {n} lines unscored").format(
        file=args.output, title=assessment.title, n=len(method.country(profile).relationships)))
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    """Rewrite an assessment file made for an earlier method version with today's ids (says what changed)."""
    from framework.assessment_yaml import dump_assessment
    from framework.loader import parse_assessment
    from framework.upgrades import upgrade_data, upgraded_text
    from framework.yamlio import read_yaml

    method = _method(args)
    data, text = read_yaml(args.assessment)
    new, done = upgrade_data(data, str(args.assessment), notice=False)
    if not done:
        print(_("{file} is already for method version {version}; nothing to do").format(
            file=args.assessment, version=method.version))
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assessment = parse_assessment(data, text, str(args.assessment), method)
    out = args.output or args.assessment
    out.write_text(upgraded_text(text, data, new, _head_comments(text) + dump_assessment(assessment)), encoding="utf-8")
    for what in done:
        print(f"{args.assessment}: {what}")
    _wrote(out)
    return 0


def _head_comments(text: str) -> str:
    """The comment lines a YAML file opens with (kept when the file is rewritten)."""
    head = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        head.append(line + "\n")
    return "".join(head)


def cmd_compare(args: argparse.Namespace) -> int:
    """Several assessments (of any countries) side by side: each line's rating in each, as a table,
    JSON or CSV; lines absent from a country's system say so."""
    method = _method(args)
    comparison = _comparison([_opened(method, p) for p in args.assessments], args.assessments)
    if comparison is None:
        return 1
    if args.format == "json":
        print(json.dumps(comparison.as_json(), indent=2, ensure_ascii=False))
        return 0
    table = comparison.table(in_language(method.model, language()))
    rows = [[r.line, r.strand, *(c.text for c in r.cells)] for r in table.rows]
    head = ["line", "strand", *table.headings] if args.format == "csv" else [_("line"), _("strand"), *table.headings]
    if args.format == "csv":  # for other programs: the same column names in every language
        import pandas as pd

        from exports.csv_text import csv_text, guard_cell

        sys.stdout.write(csv_text(pd.DataFrame(rows, columns=[guard_cell(h) for h in head], dtype=object)))
        return 0
    print(_aligned([head] + rows + [["", "", *([""] * len(table.headings))]] + [
        [word, "", *map(str, counts)] for word, counts in table.counts]))
    return 0


def _comparison(entries: Sequence[tuple[Assessment, Model]], paths: Sequence[Path]):  # type: ignore[no-untyped-def]
    """The assessments read from `paths` compared (None, having said why on standard error, if two share
    an id)."""
    from scoring.countries import DuplicateAssessment, compare_countries

    try:
        return compare_countries(entries)
    except DuplicateAssessment:
        seen: dict[str, Path] = {}
        for path, (a, _model) in zip(paths, entries):
            if a.id in seen:
                print("ffgrid: " + _("{first} and {second} are both the assessment {id}: compare different "
                                     "assessments (give one of them another id); nothing was compared").format(
                    first=seen[a.id], second=path, id=repr(a.id)), file=sys.stderr)
                return None
            seen[a.id] = path
        raise


def _with_comparison(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The method, the assessment named on the command line with its model, and (with --compare) it
    compared with the others (None if refused); each file is read once."""
    method = _method(args)
    paths = [args.assessment, *args.compare]
    entries = [_opened(method, p) for p in paths]
    return method, entries[0], _comparison(entries, paths) if args.compare else None


def cmd_bench(args: argparse.Namespace) -> int:
    """Print timing figures (see bench/)."""
    if args.what == "soak":
        from bench.soak import run as run_soak

        return run_soak(users=args.users, seconds=args.seconds, url=args.database)
    if args.what == "report":
        from bench.report import run as run_report

        run_report(runs=args.runs, breakdown=args.breakdown)
        return 0
    if args.what == "dashboard":
        from bench.dashboard import run as run_dashboard

        run_dashboard(rows=args.rows, runs=args.runs)
        return 0
    if args.what == "compare":
        from bench.compare import run as run_compare

        run_compare(countries=args.countries, runs=args.runs)
        return 0
    if args.what == "app":
        from bench.app import run as run_app

        run_app(runs=args.runs, rows=args.rows)
        return 0
    from bench.model import run

    run(actors=args.actors, relationships=args.relationships, runs=args.runs)
    return 0


def _workspace(args: argparse.Namespace, seed: bool = True):  # type: ignore[no-untyped-def]
    """The database (migrated; seeded with the bundled assessments when empty) as the command's
    operator sees it: an administrator named cli:NAME, checked and logged like any user of the app."""
    from access.workspace import Workspace, operator
    from store import open_repository

    return Workspace(open_repository(_method(args), args.database, seed=seed), operator(args.operator))


def cmd_db(args: argparse.Namespace) -> int:
    """List, import, export, back up or restore the assessments in the database (DATABASE_URL, FFGRID_DB or
    var/ffgrid.db)."""
    from framework.review import BadTransition, Locked
    from store import AlreadyExists, NotFound

    if args.action in ("backup", "restore"):
        return _backup_or_restore(args)
    ws = _workspace(args)
    try:
        if args.action == "list":
            for s in ws.list():
                flag = "  " + _("(illustrative)") if s.illustrative else ""
                print(f"{s.id}\t{s.country}\t{s.date}\t" + _("{n} lines").format(n=s.lines) + "\t"
                      + _("revision {revision}").format(revision=s.revision) + flag)
        elif args.action == "import":
            for path in args.files:
                a = ws.import_yaml(path.read_text(encoding="utf-8"), str(path), replace=args.replace)
                print(_("imported {id} ({n} lines) from {file}").format(id=a.id, n=len(a.lines), file=path))
        elif args.action == "new-version":
            draft = ws.new_version(args.id, args.new_id, args.date)
            print(_("started {new}, a draft from {old} ({n} lines)").format(new=draft.id, old=args.id,
                                                                          n=len(draft.lines)))
        elif args.action == "export":
            text = ws.export_yaml(args.id)
            if args.output:
                args.output.write_text(text, encoding="utf-8")
                _wrote(args.output)
            else:
                sys.stdout.write(text)
    except AlreadyExists as err:
        hint = _("use --replace") if args.action == "import" else _("choose another id")
        print(f"ffgrid: {err} ({hint})", file=sys.stderr)
        return 1
    except NotFound as err:
        print("ffgrid: " + _("no assessment {id} in the database").format(id=err), file=sys.stderr)
        return 1
    except (Locked, BadTransition) as err:
        print("ffgrid: " + _("{problem}; nothing was changed").format(problem=err), file=sys.stderr)
        return 1
    return 0


def _version(revision: str) -> str:
    """A migration revision ("0007") as a person reads a version (7)."""
    return revision.lstrip("0") or "0"


def _backup_or_restore(args: argparse.Namespace) -> int:
    """Back up the SQLite database to FILE, or restore it from FILE (exit 1 if refused, 2 if FILE is unreadable)."""
    import time

    from store.backup import BackupRefused, Unreadable, backup, restore
    from store.database import database_url

    url = args.database or database_url()
    begun = time.perf_counter()
    try:
        if args.action == "backup":
            done = backup(url, args.file, force=args.force)
            print(_("backed up {n} assessment(s) (database version {version}) to {file}: {bytes} bytes in {seconds} s"
                    ).format(n=done.assessments, version=_version(done.revision), file=args.file,
                             bytes=number(done.bytes), seconds=number(time.perf_counter() - begun, 2)))
        else:
            done = restore(args.file, url, force=args.force)
            print(_("restored {n} assessment(s) (database version {version}) from {file} in {seconds} s").format(
                n=done.assessments, version=_version(done.revision), file=args.file,
                seconds=number(time.perf_counter() - begun, 2)))
    except Unreadable as err:
        print(f"ffgrid: {err}", file=sys.stderr)
        return 2
    except BackupRefused as err:
        print(f"ffgrid: {err}", file=sys.stderr)
        return 1
    return 0


def _read_figures(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Validated tidy figures from FILE (through --mapping, or a bundled mapping that fits, for a wide
    table); ImportRefused if bad."""
    from dashboard.mapping import read_figure_file
    from dashboard.uploads import figures_from_upload

    if args.mapping:
        return figures_from_upload(args.file.read_bytes(), str(args.file), args.mapping.read_bytes(), str(args.mapping))
    return read_figure_file(args.file)


def _data_check(args: argparse.Namespace) -> int:
    """Print data-quality flags; exit 1 if any, 0 if clean, 2 if the file can't be read."""
    from dashboard.checks import check
    from dashboard.problems import ImportRefused

    try:
        figures = _read_figures(args)
    except (ImportRefused, OSError, UnicodeDecodeError) as err:
        print("ffgrid: " + _("cannot read {file}: {problem}").format(file=args.file, problem=err), file=sys.stderr)
        return 2
    flags = check(figures)
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in flags], indent=2, ensure_ascii=False))
    else:
        for f in flags:
            print(f"{f.rule}\t{f.source}\t{f.period}\t{f.area}\t{f.strand}\t{f.measure}\t{f.message}")
        print(_("{flags} flag(s) in {figures} figures.").format(flags=len(flags), figures=number(len(figures))),
              file=sys.stderr)
    return 1 if flags else 0


def _import_cases(args: argparse.Namespace) -> int:
    """Validate a case-record file and store it (replacing an import of the same name)."""
    from dashboard.cases import read_cases
    from dashboard.problems import ImportRefused

    try:
        cases = read_cases(args.file)
    except ImportRefused as err:
        return _refused(err.problems, _("{n} problem(s) shown; nothing was imported."))
    stored = _workspace(args, seed=False).import_cases(cases, args.name or args.file.name, args.country,
                                                       synthetic=args.synthetic)
    print(_("imported {rows} case records of {country} as {name}").format(
        rows=number(stored.rows), country=stored.country, name=repr(stored.name))
          + (" (" + _("SYNTHETIC") + ")" if stored.synthetic else ""))
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    """Add and list accounts, or make the demo accounts (local SQLite only)."""
    import getpass

    from access.demo import NotLocal, check_local
    from access.policy import ROLE_WORDS
    from store.accounts import AccountError
    from store.database import database_url

    if args.action == "demo":
        try:
            check_local(args.database or database_url())
        except NotLocal as err:
            print(f"ffgrid: {err}", file=sys.stderr)
            return 1
    ws = _workspace(args)
    try:
        if args.action == "list":
            for a in ws.users():
                state = _("active") if a.active else _("inactive")
                print(f"{a.name}\t{ROLE_WORDS.get(a.role, a.role)}\t{state}\t" + ", ".join(a.assigned))
        elif args.action == "add":
            password = (getpass.getpass(_("Password for {name}: ").format(name=args.name)) if sys.stdin.isatty()
                        else sys.stdin.readline().rstrip("\n"))
            ws.add_user(args.name, password, args.role, tuple(args.assign or ()))
            print(_("added {name} ({role})").format(name=args.name, role=ROLE_WORDS.get(args.role, args.role)))
        else:
            made = ws.demo_accounts()
            print(_("Demo accounts (this local database only; new passwords each time):"))
            for name, (role, password) in made.items():
                print(f"  {name:<9} {password}   ({ROLE_WORDS.get(role, role)})")
    except (AccountError, NotLocal) as err:
        print(f"ffgrid: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_data(args: argparse.Namespace) -> int:
    """Import statistics (tidy CSV, or wide CSV with --mapping) into the database; list what is there."""
    from dashboard.problems import ImportRefused

    if args.action == "check":
        return _data_check(args)
    if args.action == "synth":
        from dashboard.cases import synthesise, write_cases

        write_cases(synthesise(args.rows, seed=args.seed), args.output)
        print(_("wrote {rows} SYNTHETIC case records to {file}").format(rows=number(args.rows), file=args.output))
        return 0
    if args.action == "cases":
        return _import_cases(args)
    ws = _workspace(args, seed=False)
    if args.action == "list":
        for d in ws.datasets():
            when = f"{d.imported_at:%Y-%m-%d %H:%M}"
            imported = (_("imported {when} by {who}").format(when=when, who=d.imported_by) if d.imported_by
                        else _("imported {when}").format(when=when))
            print(f"{d.id}\t{d.file}\t" + _("{n} figures").format(n=number(d.figures)) + f"\t{imported}"
                  + ("\t" + _("SYNTHETIC") if d.synthetic else ""))
        return 0
    try:
        figures = _read_figures(args)
    except ImportRefused as err:
        return _refused(err.problems, _("{n} problem(s); nothing was imported."))
    ws.import_figures(figures, args.file.name, mapping=args.mapping.name if args.mapping else None)
    print(_("imported {n} figures from {file} ({publications} publication(s), replacing earlier imports of them)"
            ).format(n=number(len(figures)), file=args.file, publications=figures["publication"].nunique()))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the country report of an assessment (PDF, editable DOCX; .html for checking)."""
    from dashboard.problems import ImportRefused
    from exports.report import write_report

    method, (assessment, model), comparison = _with_comparison(args)
    if args.compare and comparison is None:
        return 1
    try:
        figures = _figures(args)
    except ImportRefused as err:
        return _refused(err.problems, _("{n} problem(s) in the data; no report was written."))
    previous = load_assessment(args.previous, method) if args.previous else None
    path = write_report(model, assessment, args.output, figures=figures, comments=_comments(args, assessment.id),
                        compare=comparison, method=method.model, previous=previous, language=args.language)
    _wrote(path)
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """Write the web edition of the country report: a static site in a folder, or one HTML file."""
    from dashboard.problems import ImportRefused
    from exports.site import write_site

    assessment, model = _open(args)
    try:
        figures = _figures(args)
    except ImportRefused as err:
        return _refused(err.problems, _("{n} problem(s) in the data; no web edition was written."))
    path = write_site(model, assessment, args.output, figures=figures, comments=_comments(args, assessment.id),
                      single_file=args.single_file, language=args.language)
    _wrote(path)
    return 0


def _comments(args: argparse.Namespace, slug: str) -> list:  # type: ignore[type-arg]
    """The review comments on the assessment in the database, if there is one (none if it is not stored)."""
    if not (args.database or _database_exists()):
        return []
    return _workspace(args, seed=False).comments(slug)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the assessment as an XLSX workbook (with its figures) or the grid as CSV."""
    from exports.spreadsheet import write_grid_csv, write_workbook

    suffix = args.output.suffix.lower()
    if args.compare and suffix != ".xlsx":
        raise ValueError(_("{file}: --compare goes into a workbook's Countries sheet: write .xlsx").format(
            file=args.output))
    method, (assessment, model), comparison = _with_comparison(args)
    if args.compare and comparison is None:
        return 1
    if suffix == ".csv":
        write_grid_csv(model, assessment, args.output, language=args.language)
    elif suffix == ".xlsx":
        write_workbook(model, assessment, args.output, figures=_figures(args), compare=comparison, method=method.model,
                       language=args.language)
    else:
        raise ValueError(_("{file}: write .xlsx or .csv").format(file=args.output))
    _wrote(args.output)
    return 0


def _figures(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The figures for a report: the --data files; else those imported into the database (when there is
    one); else the bundled example figures."""
    from dashboard.mapping import read_figure_files
    from dashboard.examples import example_figures

    if args.data:
        return read_figure_files(args.data, args.mapping or [])
    if args.database or _database_exists():
        imported = _workspace(args, seed=False).figures()
        if not imported.empty:
            return imported
    return example_figures()


def _database_exists() -> bool:
    """Whether the default database is set up (a PostgreSQL URL, or a SQLite file that exists)."""
    from base.db_location import database_url, sqlite_file

    url = database_url()
    file = sqlite_file(url)
    return not url.startswith("sqlite") or (file is not None and file.is_file())


def _compare_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--compare", type=Path, nargs="+", default=[], metavar="YAML",
                   help=_("other assessments (any countries) to set beside this one: {what}").format(what=what))


def _language_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--language", choices=tuple(LANGUAGES), default=None,
                   help=_("{what} (default: the assessment's, where ffgrid speaks it, else English)").format(what=what))


def _data_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, nargs="+", metavar="FILE",
                   help=_("CSV files of figures, tidy or wide (default: the figures imported into the database, "
                          "else the bundled example figures)"))
    p.add_argument("--mapping", type=Path, action="append", metavar="YAML",
                   help=_("column mapping for a wide --data file (the bundled mappings are tried too)"))
    p.add_argument("--database", default=None, help=_("database URL to take imported figures from"))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ffgrid", description=_("Facing all the Facts self-assessment grids."))
    p.add_argument("--model", type=Path, default=None,
                   help=_("model folder or single YAML file (default: the bundled model)"))
    p.add_argument("--as", dest="operator", metavar="NAME", default=None,
                   help=_("your name in the audit log, as cli:NAME (default: your user name on this machine)"))
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help=_("check the model and assessment files"))
    v.add_argument("paths", nargs="*", help=_("assessment files (default: the bundled assessments)"))
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("score", help=_("score an assessment"))
    s.add_argument("assessment", type=Path)
    s.add_argument("--format", choices=("table", "json", "csv"), default="table")
    s.set_defaults(func=cmd_score)

    m = sub.add_parser("map", help=_("draw the systems map"))
    m.add_argument("assessment", type=Path)
    m.add_argument("-o", "--output", type=Path, required=True, help=_("FILE.svg, FILE.png or FILE.dot"))
    m.set_defaults(func=cmd_map)

    ac = sub.add_parser("actions", help=_("the action plan as a status report"))
    ac.add_argument("assessment", type=Path)
    ac.add_argument("--format", choices=("table", "json"), default="table")
    ac.set_defaults(func=cmd_actions)

    r = sub.add_parser("report", help=_("the country report as PDF or DOCX"))
    r.add_argument("assessment", type=Path)
    r.add_argument("-o", "--output", type=Path, required=True, help=_("FILE.pdf, FILE.docx (editable) or FILE.html"))
    _compare_option(r, _("an annex \"Countries side by side\""))
    r.add_argument("--previous", type=Path, metavar="YAML",
                   help=_("the country's previous assessment: the key findings say what moved since"))
    _language_option(r, _("the report's language"))
    _data_options(r)
    r.set_defaults(func=cmd_report)

    pu = sub.add_parser("publish", help=_("the country report's web edition: a static site (or one HTML file)"))
    pu.add_argument("assessment", type=Path)
    pu.add_argument("-o", "--output", type=Path, required=True,
                    help=_("DIR for the site (FILE.html with --single-file)"))
    pu.add_argument("--single-file", action="store_true", help=_("write everything into one HTML file"))
    _language_option(pu, _("the web edition's language"))
    _data_options(pu)
    pu.set_defaults(func=cmd_publish)

    e = sub.add_parser("export", help=_("the assessment as a spreadsheet"))
    e.add_argument("assessment", type=Path)
    e.add_argument("-o", "--output", type=Path, required=True, help=_("FILE.xlsx or FILE.csv"))
    _compare_option(e, _("a Countries sheet (.xlsx only)"))
    _language_option(e, _("the spreadsheet's language"))
    _data_options(e)
    e.set_defaults(func=cmd_export)

    d = sub.add_parser("db", help=_("the assessments in the database"))
    d.add_argument("--database", default=None, help=_("database URL (default: DATABASE_URL, else FFGRID_DB or "
                     "var/ffgrid.db); created, migrated and seeded on first use"))
    dsub = d.add_subparsers(dest="action", required=True)
    dsub.add_parser("list", help=_("list stored assessments"))
    di = dsub.add_parser("import", help=_("validate and store assessment YAML files (all or nothing per file)"))
    di.add_argument("files", nargs="+", type=Path)
    di.add_argument("--replace", action="store_true",
                    help=_("overwrite a draft with the same id (validated and published ones are read-only)"))
    dn = dsub.add_parser("new-version", help=_("start a draft from a stored assessment (which stays as it is)"))
    dn.add_argument("id")
    dn.add_argument("new_id")
    dn.add_argument("--date", help=_("the new version's date (default: the same as the original's)"))
    de = dsub.add_parser("export", help=_("write a stored assessment as YAML"))
    de.add_argument("id")
    de.add_argument("-o", "--output", type=Path)
    db_ = dsub.add_parser("backup", help=_("copy the SQLite database to FILE, also while the app runs "
                            "(PostgreSQL: prints how to use pg_dump)"))
    db_.add_argument("file", type=Path)
    db_.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    dr = dsub.add_parser("restore", help=_("replace the SQLite database with the ffgrid database in FILE "
                           "(checked first; all or nothing)"))
    dr.add_argument("file", type=Path)
    dr.add_argument("--force", action="store_true", help=_("replace a database that is not empty"))
    d.set_defaults(func=cmd_db)

    u = sub.add_parser("users", help=_("accounts: add, list, or demo accounts for each role"))
    u.add_argument("--database", default=None, help=_("database URL (default as for `db`)"))
    usub = u.add_subparsers(dest="action", required=True)
    usub.add_parser("list", help=_("names, roles, assignments"))
    ua = usub.add_parser("add", help=_("add an account; the password is read from standard input"))
    ua.add_argument("name")
    ua.add_argument("--role", required=True, choices=("admin", "assessor", "reviewer", "viewer"))
    ua.add_argument("--assign", nargs="+", metavar="ASSESSMENT_ID", help=_("assessments an assessor may edit"))
    usub.add_parser("demo", help=_("(re)make demo accounts admin, assessor, reviewer, viewer; local SQLite only"))
    u.set_defaults(func=cmd_users)

    da = sub.add_parser("data", help=_("statistics in the database"))
    da.add_argument("--database", default=None, help=_("database URL (default as for `db`)"))
    dasub = da.add_subparsers(dest="action", required=True)
    dasub.add_parser("list", help=_("imports whose figures are current"))
    dai = dasub.add_parser("import", help=_("validate and store a CSV of figures (all rows or none)"))
    dai.add_argument("file", type=Path)
    dai.add_argument("--mapping", type=Path, help=_("column mapping YAML for a wide table"))
    dac = dasub.add_parser("check", help=_("data-quality checks on a CSV of figures (rules: dashboard/checks.yaml)"))
    dac.add_argument("file", type=Path)
    dac.add_argument("--mapping", type=Path, help=_("column mapping YAML for a wide table"))
    dac.add_argument("--format", choices=("table", "json"), default="table")
    das = dasub.add_parser("synth", help=_("write SYNTHETIC case records (seeded) to a .csv or .parquet file"))
    das.add_argument("--rows", type=int, default=10_000)
    das.add_argument("--seed", type=int, default=2019)
    das.add_argument("-o", "--output", type=Path, required=True)
    dacs = dasub.add_parser("cases", help=_("validate and store a case-record file (.csv or .parquet)"))
    dacs.add_argument("file", type=Path)
    dacs.add_argument("--country", required=True, metavar="CODE",
                      help=_("the country the records are of: a profile's code (see `profile list`)"))
    dacs.add_argument("--name", help=_("name of the import (default: the file name); same name replaces"))
    dacs.add_argument("--synthetic", action="store_true", help=_("label the records synthetic wherever shown"))
    da.set_defaults(func=cmd_data)

    pr = sub.add_parser("profile", help=_("country profiles: list the shipped ones, or start a new one"))
    prsub = pr.add_subparsers(dest="action", required=True)
    prsub.add_parser("list", help=_("the shipped profiles: code, country, status, languages, lines"))
    pi = prsub.add_parser("init", help=_("a new profile from the generic method, ready to edit"))
    pi.add_argument("--code", required=True, help=_("lower-case letters, e.g. pt"))
    pi.add_argument("--name", required=True, help=_("the country's own name, e.g. Portugal"))
    pi.add_argument("--name-en", help=_("its English name (default: --name)"))
    pi.add_argument("--language", required=True, help=_("language code, e.g. pt"))
    pi.add_argument("--strands", help=_("bias strands with a CSO, comma-separated (default: the method's); "
                      "a strand the method does not know is added with its id as label"))
    pi.add_argument("--label", action="append", metavar="ACTOR=NAME",
                    help=_("the national name of an actor (repeat; others keep the method's role names)"))
    pi.add_argument("-o", "--output", type=Path, required=True)
    pr.set_defaults(func=cmd_profile)

    n = sub.add_parser("new", help=_("a blank assessment of a country (every line unscored)"))
    n.add_argument("--profile", required=True,
                   help=_("a shipped profile's code (see `profile list`) or a profile file"))
    n.add_argument("--date", required=True, help=_("YYYY, YYYY-MM or YYYY-MM-DD"))
    n.add_argument("--title")
    n.add_argument("--author", help=_("who makes the assessment (default: 'ffgrid new')"))
    n.add_argument("-o", "--output", type=Path, required=True)
    n.set_defaults(func=cmd_new)

    up = sub.add_parser("upgrade", help=_("rewrite an assessment made for an earlier method version with today's ids"))
    up.add_argument("assessment", type=Path)
    up.add_argument("-o", "--output", type=Path, help=_("write here instead of over the file"))
    up.set_defaults(func=cmd_upgrade)

    c = sub.add_parser("compare", help=_("assessments of several countries side by side"))
    c.add_argument("assessments", nargs="+", type=Path)
    c.add_argument("--format", choices=("table", "json", "csv"), default="table")
    c.set_defaults(func=cmd_compare)

    i = sub.add_parser("i18n", help=_("the message catalogues of the interface's languages"))
    i.add_argument("action", choices=("check", "extract"),
                   help=_("check: what each language lacks (fails if one is incomplete); extract: update the "
                          "catalogues"))
    i.set_defaults(func=cmd_i18n)

    b = sub.add_parser("bench", help=_("benchmarks"))
    b.add_argument("what", choices=("model", "app", "dashboard", "report", "soak", "compare"))
    b.add_argument("--users", type=int, default=20, help=_("simulated users for `bench soak`"))
    b.add_argument("--seconds", type=float, default=60, help=_("how long `bench soak` runs"))
    b.add_argument("--database", default=None, help=_("PostgreSQL URL for `bench soak` (default: a throwaway cluster)"))
    b.add_argument("--actors", type=int, default=1000)
    b.add_argument("--relationships", type=int, default=10_000)
    b.add_argument("--runs", type=int, default=5)
    b.add_argument("--no-breakdown", dest="breakdown", action="store_false",
                   help=_("`bench report`: leave out the timings inside the process (quicker)"))
    b.add_argument("--rows", type=int, default=1_000_000, help=_("case records for `bench dashboard` and `bench app`"))
    b.add_argument("--countries", type=int, default=30, help=_("assessments of as many countries for `bench compare`"))
    b.set_defaults(func=cmd_bench)
    return p


def _refused(problems: Sequence[object], outcome: str) -> int:
    """Print each problem, then `outcome`: how many there were ({n}) and what became of the input; exit
    code 1."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(outcome.format(n=len(problems)), file=sys.stderr)
    return 1


def _wrote(path: object) -> None:
    """Say that a file was written."""
    print(_("wrote {file}").format(file=path))


def _note(message: Warning | str, category: type[Warning], *rest: object) -> None:
    """Warnings (e.g. an assessment read through an id map) as one plain line on standard error."""
    print("ffgrid: " + _("note: {message}").format(message=message), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """The command, in the language its environment asks for (FFGRID_LANGUAGE, LANGUAGE, LC_ALL, LANG)."""
    with using(environment_language(os.environ)):
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("always", Upgraded)
        warnings.showwarning = _note  # type: ignore[assignment]
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except ValidationFailed as err:
        return _refused(err.problems, _("{n} problem(s) found."))
    except BrokenPipeError:  # the reader went away (`ffgrid score … | head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, ValueError) as err:
        print(f"ffgrid: {err}", file=sys.stderr)
        return 2


def run() -> None:
    """The `ffgrid` command: `main` tuned for a short-lived process.

    Garbage is collected rarely (the PDF renderer makes millions of objects that live to the end),
    and what is left when the command is done is frozen rather than collected at exit: the
    process ends anyway, and collecting it took 0.7 s of a 5 s report.
    """
    gc.set_threshold(100_000, 50, 100)
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
