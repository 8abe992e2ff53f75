"""The summary of an import as text the user can save (in the user's language in the window)."""

from __future__ import annotations

from ...i18n import local_number, translate
from .model import ImportSummary, printable


def _lines(listed: list[int], count: int) -> str:
    """ " (line 5)" / " (lines 5, 9 …)": the first 20 lines of ``count`` rows, when known."""
    if not listed:
        return ""
    shown = ", ".join(str(n) for n in listed[:20])
    more = " …" if count > min(len(listed), 20) else ""
    return translate("ImportSummary", " (line(s) {lines})", None, count).format(lines=shown + more)


def _more(count: int) -> str:
    return translate("ImportSummary", "  … and %Ln more", None, count)


def summary_text(summary: ImportSummary) -> str:
    lines = [
        translate("ImportSummary", "Import of {file} into “{source}”").format(
            file=printable(summary.path.name), source=printable(summary.source_name)
        )
    ]
    if summary.source_created:
        lines.append(translate("ImportSummary", "The source was created by this import."))
    if summary.metrics_created:
        lines.append(
            translate("ImportSummary", "Metrics created: {names}.").format(
                names=printable(", ".join(summary.metrics_created))
            )
        )
    lines.append(translate("ImportSummary", "Imported: %Ln reading(s).", None, summary.imported))
    if summary.replaced:
        lines.append(
            translate("ImportSummary", "Replaced: %Ln stored reading(s) with the same time.", None, summary.replaced)
        )
    if summary.skipped_duplicates:
        where = _lines(sorted(summary.duplicate_lines), summary.skipped_duplicates)
        text = translate(
            "ImportSummary",
            "Skipped: %Ln row(s) with the time of a stored or earlier reading{where}.",
            None,
            summary.skipped_duplicates,
        )
        lines.append(text.format(where=where))
    if summary.skipped_empty_rows:
        where = _lines(summary.empty_lines, summary.skipped_empty_rows)
        lines.append(
            translate(
                "ImportSummary", "Skipped: %Ln row(s) with no value{where}.", None, summary.skipped_empty_rows
            ).format(where=where)
        )
    if summary.invalid_count:
        lines.append(translate("ImportSummary", "Skipped: %Ln invalid row(s):", None, summary.invalid_count))
        lines.extend(f"  {problem.text}" for problem in summary.invalid)
        if summary.invalid_count > len(summary.invalid):
            lines.append(_more(summary.invalid_count - len(summary.invalid)))
    if summary.not_reading_count:
        lines.append(
            translate("ImportSummary", "Skipped: %Ln line(s) that is/are no reading:", None, summary.not_reading_count)
        )
        lines.extend(f"  {problem.text}" for problem in summary.not_readings)
        if summary.not_reading_count > len(summary.not_readings):
            lines.append(_more(summary.not_reading_count - len(summary.not_readings)))
    if summary.missing_count:
        lines.append(
            translate(
                "ImportSummary",
                "Left empty: %Ln cell(s) without a value (the rest of the row was imported):",
                None,
                summary.missing_count,
            )
        )
        lines.extend(f"  {problem.text}" for problem in summary.missing)
        if summary.missing_count > len(summary.missing):
            lines.append(_more(summary.missing_count - len(summary.missing)))
    if summary.unknown_authors:
        names = ", ".join(f"“{printable(n)}”" for n in summary.unknown_authors[:20])
        more = " …" if len(summary.unknown_authors) > 20 else ""
        lines.append(
            translate(
                "ImportSummary",
                "Not members here: {names}{more}; the readings they entered were imported without an author.",
            ).format(names=names, more=more)
        )
    if summary.authors_not_kept:
        lines.append(
            translate(
                "ImportSummary",
                "Authors not kept: only the administrator may enter readings in another member's name.",
            )
        )
    if summary.ignored_columns:
        lines.append(
            translate("ImportSummary", "Columns not imported: {names}.").format(
                names=printable(", ".join(summary.ignored_columns))
            )
        )
    if summary.undo_note:
        lines.append(summary.undo_note)
    if summary.seconds:
        lines.append(
            translate("ImportSummary", "Took {seconds} s.").format(seconds=local_number(f"{summary.seconds:.1f}"))
        )
    return "\n".join(lines) + "\n"
