"""The bundle's entry script (PyInstaller runs it as ``__main__``): start Home Log as ``homelog`` does."""

import multiprocessing
import sys

from homelog_desktop.app import main

if __name__ == "__main__":
    # A child of a process pool (spawned on Windows and macOS) runs its task here instead of a
    # second Home Log; PyInstaller's multiprocessing run-time hook has already imported the module.
    multiprocessing.freeze_support()
    sys.exit(main())
