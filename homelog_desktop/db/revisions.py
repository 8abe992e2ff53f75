"""The schema revisions this version of Home Log knows (no imports: read at start-up)."""

#: Every revision this version knows, oldest first; the last is the head (a test checks Alembic agrees).
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
HEAD_REVISION = REVISIONS[-1]
