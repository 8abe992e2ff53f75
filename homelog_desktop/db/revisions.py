"""The schema revisions this version of Home Log knows (no imports: read at start-up)."""

#: Every revision this version knows, oldest first; the last is the head (a test checks Alembic agrees).
# "0004" (importfix) goes between 0003 and 0005 at the merge.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0005")
HEAD_REVISION = REVISIONS[-1]
