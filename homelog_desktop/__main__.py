"""``python -m homelog_desktop`` starts Home Log, as the ``homelog`` command does."""

import sys

from .app import main

if __name__ == "__main__":
    sys.exit(main())
