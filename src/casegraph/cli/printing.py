"""Lines for a person: how each command prints its data when --json is not given."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .common import wrapped

if TYPE_CHECKING:
    from ..case.address import ServerAddress


def print_settings(settings: dict[str, Any]) -> None:
    for key, value in settings.items():
        click.echo(f"{key} = {value}")


def print_counts(title: str, counts: dict[str, int]) -> None:
    if counts:
        click.echo(title)
        for key, count in counts.items():
            click.echo(f"  {count:>7}  {key}")


def print_ingest(report: dict[str, Any]) -> None:
    click.echo(
        f"{report['files_seen']} files seen ({report['files_skipped']} unchanged, skipped), "
        f"{report['documents_added']} documents added, {report['duplicates']} duplicates, "
        f"{report['failures']} failures"
    )
    if report.get("pages_ocred") or report.get("ocr_failures"):
        click.echo(
            f"{report['pages_ocred']} pages OCR'd ({report['pages_for_review']} for review), "
            f"{report['ocr_failures']} OCR failures"
        )
    print_counts("by type:", report["by_type"])
    print_counts("failures by reason:", report["failures_by_reason"])
    if report.get("inputs_skipped"):
        click.echo(f"{len(report['inputs_skipped'])} inputs skipped, not regular files:")
        for entry in report["inputs_skipped"]:
            click.echo(f"  {entry['why']:>13}  {entry['path']}")


def _documents_line(data: dict[str, Any]) -> str:
    """The documents read and failed, adding up to what ls lists."""
    failed = data["by_state"].get("failed", 0)
    if not failed:
        return plural(data["documents"], "document")
    read = data["documents"]
    return f"{read} documents read and {failed} failed ({read + failed} in all)"


def print_status(data: dict[str, Any], case_dir: Path | ServerAddress) -> None:
    click.echo(
        f"{_documents_line(data)}, {data['pages']} pages, {data['failures']} failures\n"
        f"{data['pages_ocred']} pages OCR'd, {data['pages_needing_ocr']} waiting for OCR, "
        f"{data['pages_for_review']} for a person to review, "
        f"{data['pages_transcribed']} transcribed"
    )
    if data["pages_extracted"] == 0:
        click.echo(f"extract: not run yet (run: casegraph extract {case_dir})")
    else:
        unread = data["pages"] - data["pages_extracted"]
        later = f", {unread} not yet (run: casegraph extract {case_dir})" if unread > 0 else ""
        click.echo(
            f"extract: {data['pages_extracted']} pages read{later}; {data['entities']} entities,"
            f" {data['events']} events, {data['claims']} claims"
        )
    print_counts("by type:", data["by_type"])
    print_counts("by state:", data["by_state"])
    print_counts("failures by reason:", data["failures_by_reason"])
    for queue, states in data.get("queued", {}).items():
        print_counts(f"{queue} jobs:", states)


def print_failures(rows: list[dict[str, Any]]) -> None:
    if not rows:
        click.echo("no failures")
    for row in rows:
        click.echo(f"{row['reason']:<15} {row['path']}  ({row['detail']})")


def print_check(report: dict[str, Any]) -> None:
    for problem in report["database"]:
        click.echo(f"database: {problem}")
    if "checked" in report:
        click.echo(
            f"{report['checked']} originals checked: {len(report['missing'])} missing,"
            f" {len(report['altered'])} altered"
        )
    for loss in report["lost"]:
        click.echo(f"lost: {loss}")
    click.echo("the case is healthy" if report["healthy"] else "damage found")


def print_review(rows: list[dict[str, Any]]) -> None:
    if not rows:
        click.echo("nothing to review")
    for row in rows:
        confidence = "  -  " if row["confidence"] is None else f"{row['confidence']:5.1f}"
        click.echo(
            f"{confidence}  {row['reason']:<20} {row['doc_id']} p{row['page']}  {row['path']}"
        )


def print_extract(report: dict[str, Any]) -> None:
    click.echo(
        f"{report['pages']} pages read, {report['mentions_found']} mentions found, "
        f"{report['entities']} entities"
    )
    if report["pages_failed"]:
        click.echo(f"{report['pages_failed']} pages failed; casegraph failures lists them")


def print_entities(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        others = [a for a in row["aliases"] if a != row["name"]][:4]
        also = f"  (also: {', '.join(others)})" if others else ""
        line = f"{row['id']}  {row['type']:<12} {row['mentions']:>5}  {row['name']}{also}"
        click.echo(wrapped(line, ""))


def _names(value: Any) -> str:
    from ..records import actor_list

    items = actor_list(value)
    return " & ".join(item["name"] for item in items) if items else "?"


def print_actor_view(view: dict[str, Any]) -> None:
    click.echo(f"{view['actor']['name']}  [{view['actor']['id']}]")
    for row in view["relations"]:
        arrow = "->" if row["direction"] == "out" else "<-"
        click.echo(
            f"  {arrow} {row['other']['name']}: {row['quad']} {row['year']}, "
            f"{plural(row['count'], 'event')}, confidence {row['confidence']}"
        )
    for row in view["weak_links"][:15]:
        how = (
            f"named together in {plural(row['documents'], 'document')}"
            if row["kind"] == "co_occurrence"
            else f"{plural(row['messages'], 'e-mail')}"
        )
        click.echo(f"  ~ {row['other']['name']}: {how}")
    if view["community"]:
        names = ", ".join(member["name"] for member in view["community"][:12])
        click.echo(f"  cluster: {names}")


def print_timeline(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        marker = "" if row["date_from"] == "text" else " (document date)"
        sides = f"{_names(row['source'])} -> {_names(row['target'])}"
        flags = _event_flags(row)
        click.echo(wrapped(f"{row['date']}{marker}  {row['category']}: {sides}{flags}", ""))
        evidence = row["evidence"]
        click.echo(
            wrapped(f"{evidence['doc_id']} p{evidence['page']}: {evidence['text']}", most=300)
        )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def print_findings(rows: list[dict[str, Any]]) -> None:
    for number, row in enumerate(rows, 1):
        click.echo(f"{number}. [{row['kind']}, score {row['score']}] {row['summary']}")
        if row.get("review"):
            click.echo(wrapped(_verdict(row["review"])))
        for evidence in row["evidence"][:8]:
            where = f"{evidence['doc_id']} p{evidence['page']}"
            click.echo(wrapped(f"{where}: {evidence['text']}", most=300))
        if len(row["evidence"]) > 8:
            click.echo(f"    ... and {len(row['evidence']) - 8} more passages (--json for all)")


def print_corroboration(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        actors = " / ".join(a["name"] for a in row["actors"]) or "no named sides"
        names = ", ".join(s["name"] for s in row["sources"])
        click.echo(
            f"{row['event']} {row['category']} ({actors}): {row['independent_sources']} "
            f"independent source(s){': ' + names if names else ''}; {len(row['reports'])} "
            f"report(s), {len(row['denials'])} denial(s)"
        )


def print_xref(result: dict[str, Any]) -> None:
    shown = len(result["matches"])
    first = result["offset"] + 1
    click.echo(
        f"{result['total']} shared entities; {first}-{first + shown - 1} shown"
        if shown
        else f"{result['total']} shared entities"
    )
    for match in result["matches"]:
        left, right = match["left"], match["right"]
        click.echo(
            f"{match['score']:.2f} {match['reason']:<7} {left['name']} ({left['id']}) "
            f"<-> {right['name']} ({right['id']})  [{left['type']}]"
        )


def _event_flags(row: dict[str, Any]) -> str:
    """ " [negated]", " [hypothetical]": an act said not to have happened, or only ordered or
    intended, marked alike wherever events are listed."""
    return "".join(f" [{flag}]" for flag in ("negated", "hypothetical") if row[flag])


def print_events(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        flags = _event_flags(row)
        mode = f"/{row['mode']}" if row["mode"] else ""
        where = f" in {row['location']['name']}" if row["location"] else ""
        when = f" on {row['date']}" if row["date"] else ""
        click.echo(
            wrapped(
                f"{row['category']}{mode}: {_names(row['source'])} -> "
                f"{_names(row['target'])}{where}{when}{flags}",
                "",
            )
        )
        evidence = row["evidence"]
        click.echo(wrapped(f"{evidence['doc_id']} p{evidence['page']}: {evidence['text']}"))
        if row.get("review"):
            click.echo(wrapped(_verdict(row["review"])))
        if row["reported_by"]:
            click.echo(f"    reported by: {_names(row['reported_by'])}")


def print_claims(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        speaker = row["speaker"]["name"] if row["speaker"] else row["speaker_text"] or "?"
        hedged = " [hedged]" if row["hedged"] else ""
        click.echo(
            wrapped(f"{speaker} ({row['kind']}, {row['cue']}){hedged}: {row['content']}", "")
        )
        evidence = row["evidence"]
        click.echo(
            f"    {evidence['doc_id']} p{evidence['page']} {evidence['start']}-{evidence['end']}"
        )
        if row.get("review"):
            click.echo(wrapped(_verdict(row["review"])))


def _verdict(review: dict[str, Any]) -> str:
    note = f": {review['note']}" if review["note"] else ""
    return f"{review['verdict']} by {review['reviewer']} on {review['reviewed_at'][:10]}{note}"


def print_entity(data: dict[str, Any]) -> None:
    click.echo(f"{data['name']}  [{data['id']}, {data['type']}]")
    click.echo(f"aliases: {', '.join(data['aliases'])}")
    for mention in data["mentions"][:50]:
        where = f"{mention['doc_id']} p{mention['page']} {mention['start']}-{mention['end']}"
        click.echo(wrapped(f"{where}: {mention['context']}", "  "))
    if data["related"]:
        click.echo(
            "appears with: " + ", ".join(f"{r['name']} ({r['count']})" for r in data["related"])
        )


def print_ls(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        copies = f"  (+{len(row['paths']) - 1} copies)" if len(row["paths"]) > 1 else ""
        click.echo(
            f"{row['doc_id']}  {row['state']:<9} {row['pages']:>4}p  "
            f"{(row['mime'] or '?')[:40]:<40}  {row['path']}{copies}"
        )


def print_show(doc: dict[str, Any]) -> None:
    click.echo(f"document  {doc['doc_id']}  ({doc['state']})")
    for key in ("title", "mime", "language", "date", "sha256", "size", "extractor"):
        if doc.get(key) is not None:
            click.echo(f"{key:<9} {doc[key]}")
    if doc["failure"]:
        click.echo(f"failure   {doc['failure']['reason']}: {doc['failure']['detail']}")
    for path in doc["paths"]:
        click.echo(f"seen at   {path}")
    for link in doc["chain"]:
        click.echo(f"inside    {link['doc_id']}  {link['path']}")
    for key, value in doc["metadata"].items():
        click.echo(f"meta      {key}: {value}")
    for page in doc["pages"]:
        click.echo(f"\n--- page {page['number']}{_page_note(page)} ---")
        click.echo(page["text"])


def _page_note(page: dict[str, Any]) -> str:
    if page["needs_ocr"]:
        return "  (image only: waiting for OCR)"
    if page["source"] == "ocr":
        review = f", for review: {page['review']}" if page["review"] else ""
        return f"  (OCR, confidence {page['confidence']:.0f}{review})"
    if page["source"] == "transcription":
        return "  (transcribed by a person)"
    return ""


def _matches(total: int) -> str:
    return "1 document matches" if total == 1 else f"{total} documents match"


def print_search(result: dict[str, Any]) -> None:
    for name, forms in result.get("aliases", {}).items():
        click.echo(f"{name}: also as {', '.join(forms)}")
    matches = _matches(result["total"])
    click.echo(f"about {matches}" if result.get("total_estimated") else matches)
    if result.get("unindexed_pages"):
        waiting = plural(result["unindexed_pages"], "changed page")
        click.echo(f"({waiting} not searched: the index is written when the case is writable)")
    if result.get("undated_left_out"):
        left = result["undated_left_out"]
        click.echo(f"({plural(left, 'undated document')} left out by date:)")
    for name, values in result.get("facets", {}).items():
        counted = ", ".join(f"{_facet_value(value)} {value['documents']}" for value in values)
        click.echo(f"{name}: {counted or '—'}")
    for rank, hit in enumerate(result["hits"], start=result.get("offset", 0) + 1):
        click.echo(f"\n{rank}. {hit['title']}  [{hit['doc_id']}, page {hit['page']}]")
        click.echo(f"   {hit['path']}")
        click.echo(f"   {hit['snippet']}")


def _facet_value(value: dict[str, Any]) -> str:
    """A facet's value as a person reads it: an entity by its name and id."""
    return f"{value['label']} [{value['value']}]" if "label" in value else str(value["value"])


def print_demo(summary: dict[str, Any]) -> None:
    click.echo(f"demo trove: {summary['trove']}\ncase:       {summary['case']}\n")
    print_status(summary["status"], Path(summary["case"]))
    for example in summary["searches"]:
        click.echo(f"\n$ casegraph search {summary['case']} '{example['query']}'")
        click.echo("  " + _matches(example["total"]))
        for hit in example["hits"][:3]:
            click.echo(f"  - {hit['title']} (page {hit['page']}): {hit['snippet']}")
    click.echo(f"\n$ casegraph review {summary['case']}")
    print_review(summary["review"])
    click.echo(f"\n$ casegraph entities {summary['case']}   (top people, groups and places)")
    print_entities(summary["top_entities"])
    click.echo(
        f"\n$ casegraph events {summary['case']}   (cooperation between adversaries, with the "
        f"actors in {summary['actors_file']})"
    )
    print_events(summary["cooperation"])
    click.echo(
        f"\n$ casegraph investigate {summary['case']} {summary['trove']} "
        f"--actors {summary['actors_file']} --out {summary['report']['path']}"
    )
    print_investigate(summary, len(summary["findings"]), summary["findings_total"])
    click.echo(f"\nopen the workbench in a browser:\n  casegraph serve {summary['case']} --open")


def print_investigate(done: dict[str, Any], top: int, total: int | None = None) -> None:
    print_ingest(done["ingest"])
    print_extract(done["extract"])
    findings = done["findings"]
    total = len(findings) if total is None else total
    click.echo(f"\n{total} findings; the top {min(top, len(findings))}:")
    print_findings(findings[:top])
    click.echo(f"\nreport: {done['report']['path']}")


def print_notes(rows: list[dict[str, Any]]) -> None:
    if not rows:
        click.echo("no notes")
    for row in rows:
        tag = f"  #{row['tag']}" if row["tag"] else ""
        changed = "  (the page reads otherwise now)" if row["changed"] else ""
        click.echo(
            f"{row['id']}  {row['doc_id']} p{row['page']} {row['start']}-{row['end']}"
            f"  {row['author']}{tag}{changed}"
        )
        said = f"  {row['text']}" if row["text"] else ""
        click.echo(wrapped(f"“{row['quote']}”{said}", "  "))


def print_marks(marks: dict[str, Any]) -> None:
    state = [word for word, on in (("starred", marks["starred"]), ("read", marks["read"])) if on]
    click.echo(f"{marks['doc_id']}  {', '.join(state) or 'no marks'}")


def print_audit(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        item = f" {row['item']}" if row["item"] else ""
        detail = f" ({row['detail']})" if row["detail"] else ""
        click.echo(f"{row['at']}  {row['user_name']}: {row['action']}{item}{detail}")
