"""domain/undo.py's rule for undoing an import: the stored rows must be exactly the import's."""

from __future__ import annotations

from homelog_desktop.domain.undo import Image, ImportUndo, Scope, import_conflict


def _reading(rid: int, version: int = 1) -> dict[str, object]:
    return {"id": rid, "source_id": 3, "ts": rid, "version": version, "updated_at": None, "updated_by": None}


def _value(rid: int, metric: int) -> dict[str, object]:
    return {"reading_id": rid, "metric_id": metric, "value": "1", "start_ts": None}


METRIC = {"id": 9, "source_id": 3, "name": "Peak", "version": 1, "updated_at": None, "updated_by": None}
TARIFF = {"id": 4, "metric_id": 9, "valid_from": "2025-01-01", "version": 1, "updated_at": None, "updated_by": None}
#: An import of readings 10 to 12 and 20 into source 3, which added the metric 9.
UNDO = ImportUndo(Scope(metrics=frozenset([9])), Image.of({"metrics": [METRIC]}), ((3, ((10, 12), (20, 20))),))


def _stored(*readings: dict[str, object], values=(), metrics=(METRIC,), tariffs=()) -> Image:
    return Image.of({"readings": readings, "reading_values": values, "metrics": metrics, "tariffs": tariffs})


def test_import_undo_allows_its_own_rows_as_it_left_them():
    """Its readings at their first version, values of its metric in them only: nothing stands in the way."""
    stored = _stored(_reading(10), _reading(12), _reading(20), values=[_value(10, 9), _value(20, 9)])
    assert import_conflict(UNDO, stored, Image()) is None


def test_import_undo_refuses_what_changed_or_was_added_since():
    """An edited reading, a reading outside its runs (in a source it created), a value of its metric
    in someone else's reading, a tariff on its metric, its metric changed or deleted, a replaced
    reading that is back: each is named as the row that changed."""
    edited = import_conflict(UNDO, _stored(_reading(11, version=2)), Image())
    assert edited is not None and (edited.table, edited.key, edited.expected) == ("readings", (11,), True)
    outside = import_conflict(UNDO, _stored(_reading(13)), Image())
    assert outside is not None and (outside.table, outside.expected) == ("readings", False)
    value = import_conflict(UNDO, _stored(values=[_value(5, 9)]), Image())
    assert value is not None and (value.table, value.key, value.expected) == ("reading_values", (5, 9), False)
    tariff = import_conflict(UNDO, _stored(tariffs=[TARIFF]), Image())
    assert tariff is not None and (tariff.table, tariff.expected) == ("tariffs", False)
    renamed = import_conflict(UNDO, _stored(metrics=[{**METRIC, "name": "Top", "version": 2}]), Image())
    assert renamed is not None and (renamed.table, renamed.expected) == ("metrics", True)
    gone = import_conflict(UNDO, _stored(metrics=()), Image())
    assert gone is not None and gone.table == "metrics" and gone.stored is None
    replaced = Image.of({"readings": [_reading(5)]})
    back = import_conflict(UNDO, _stored(_reading(5)), replaced)
    assert back is not None and (back.table, back.key, back.expected) == ("readings", (5,), False)


def test_import_undo_of_several_sources_is_one():
    """A standard-format file into two sources: their parts are one undo (scopes, rows and runs joined)."""
    other = ImportUndo(
        Scope(sources=frozenset([8])), Image.of({"sources": [{"id": 8, "version": 1}]}), ((8, ((30, 31),)),)
    )
    both = UNDO | other
    assert both.scope.metrics == {9} and both.scope.sources == {8}
    assert both.added.ids("metrics") == {9} and both.added.ids("sources") == {8}
    source = Image.of({"sources": [{"id": 8, "version": 1}]})
    stored = Image({**_stored(_reading(31), _reading(20)).rows, "sources": source.table("sources")})
    assert import_conflict(both, stored, Image()) is None
    gone = import_conflict(both, _stored(_reading(31), _reading(20)), Image())
    assert gone is not None and (gone.table, gone.key, gone.stored) == ("sources", (8,), None)
