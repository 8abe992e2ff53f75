"""The summary of an import as text the user can save."""

from __future__ import annotations

from .model import ImportSummary, printable


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _lines(listed: list[int], count: int) -> str:
    """ " (line 5)" / " (lines 5, 9 …)": the first 20 lines of ``count`` rows, when known."""
    if not listed:
        return ""
    shown = ", ".join(str(n) for n in listed[:20])
    more = " …" if count > min(len(listed), 20) else ""
    return f" ({'line' if count == 1 else 'lines'} {shown}{more})"


def summary_text(summary: ImportSummary) -> str:
    lines = [f"Import of {printable(summary.path.name)} into “{printable(summary.source_name)}”"]
    if summary.source_created:
        lines.append("The source was created by this import.")
    if summary.metrics_created:
        lines.append(f"Metrics created: {printable(', '.join(summary.metrics_created))}.")
    lines.append(f"Imported: {_n(summary.imported, 'reading')}.")
    if summary.replaced:
        lines.append(f"Replaced: {_n(summary.replaced, 'stored reading')} with the same time.")
    if summary.skipped_duplicates:
        where = _lines(sorted(summary.duplicate_lines), summary.skipped_duplicates)
        lines.append(
            f"Skipped: {_n(summary.skipped_duplicates, 'row')} with the time of a stored or earlier reading{where}."
        )
    if summary.skipped_empty_rows:
        shown = ", ".join(str(n) for n in summary.empty_lines[:20])
        more = " …" if summary.skipped_empty_rows > 20 else ""
        where = "line" if summary.skipped_empty_rows == 1 else "lines"
        lines.append(f"Skipped: {_n(summary.skipped_empty_rows, 'row')} with no value ({where} {shown}{more}).")
    if summary.invalid_count:
        lines.append(f"Skipped: {_n(summary.invalid_count, 'invalid row')}:")
        lines.extend(f"  {problem.text}" for problem in summary.invalid)
        if summary.invalid_count > len(summary.invalid):
            lines.append(f"  … and {summary.invalid_count - len(summary.invalid):,} more")
    if summary.not_reading_count:
        lines.append(
            f"Skipped: {_n(summary.not_reading_count, 'line')} that "
            f"{'is' if summary.not_reading_count == 1 else 'are'} no reading:"
        )
        lines.extend(f"  {problem.text}" for problem in summary.not_readings)
        if summary.not_reading_count > len(summary.not_readings):
            lines.append(f"  … and {summary.not_reading_count - len(summary.not_readings):,} more")
    if summary.missing_count:
        lines.append(
            f"Left empty: {_n(summary.missing_count, 'cell')} without a value (the rest of the row was imported):"
        )
        lines.extend(f"  {problem.text}" for problem in summary.missing)
        if summary.missing_count > len(summary.missing):
            lines.append(f"  … and {summary.missing_count - len(summary.missing):,} more")
    if summary.unknown_authors:
        names = ", ".join(f"“{printable(n)}”" for n in summary.unknown_authors[:20])
        more = " …" if len(summary.unknown_authors) > 20 else ""
        lines.append(f"Not members here: {names}{more}; the readings they entered were imported without an author.")
    if summary.authors_not_kept:
        lines.append("Authors not kept: only the administrator may enter readings in another member's name.")
    if summary.ignored_columns:
        lines.append(f"Columns not imported: {printable(', '.join(summary.ignored_columns))}.")
    if summary.undo_note:
        lines.append(summary.undo_note)
    if summary.seconds:
        lines.append(f"Took {summary.seconds:.1f} s.")
    return "\n".join(lines) + "\n"
