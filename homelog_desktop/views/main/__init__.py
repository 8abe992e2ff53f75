"""The main window, in parts a newcomer can read one at a time:

- window.py: the frame, start-up in steps, binding to a workspace, showing a navigation location;
- frame.py: the content built after the first paint (sidebar | banners over the pages);
- actions.py: every action (an ``Act``-keyed registry) with its menus, toolbar and shortcuts;
- commands.py: what the actions do;
- sidebar.py and source_page.py: the two pages that refresh themselves when the data changes;
- dialogs.py: small shared pieces.

Where the window is, and where it goes next, is decided by viewmodels/navigation.py.
"""

from .window import MainWindow

__all__ = ["MainWindow"]
