"""The bundle's entry script (PyInstaller runs it as ``__main__``): start Home Log as ``homelog`` does."""

import sys

from homelog_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
