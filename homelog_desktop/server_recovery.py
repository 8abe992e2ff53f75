"""When the server holding the user's data cannot be used at start: ask (try again, open another
database, quit) instead of ending the app. Kept out of controller.py; it calls the controller's
own ways of opening and closing data."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .i18n import translate
from .problems import Kind, Problem, explain

if TYPE_CHECKING:
    from .controller import AppController
    from .db.handle import PendingDatabase

log = logging.getLogger("homelog")

#: Problems of a server URL that the user can fix, or wait out, while the window stays open.
SERVER_KINDS = frozenset(
    {
        Kind.SERVER_UNREACHABLE,
        Kind.SERVER_LOGIN,
        Kind.SERVER_NO_DATABASE,
        Kind.CONNECTION_LOST,
        Kind.BAD_URL,
        Kind.NOT_INSTALLED,
    }
)


def server_problem(error: BaseException, db_url: str | None) -> Problem | None:
    """What is wrong with the server, if ``error`` says the server cannot be reached or used."""
    problem = explain(error, db_url)
    return problem if problem is not None and problem.kind in SERVER_KINDS else None


async def offer_server_choices(controller: AppController, pending: PendingDatabase, error: BaseException) -> bool:
    """Show what is wrong with the server and do what the user picks; False if ``error`` is no such problem.

    Try Again opens the server again (asking again if it still fails); Open Another Database… opens
    a data file instead; Quit (or closing the dialog) ends the app with exit code 1.
    """
    from .domain.errors import DatabaseOpenError
    from .views.main.prompts import ask as _ask
    from .views.problem_dialog import OPEN_OTHER, RETRY, ServerProblemDialog

    problem = server_problem(error, controller.db_url)
    if problem is None:
        return False
    log.warning("Cannot open the server's data: %s", problem.message)
    pending.fail(DatabaseOpenError(problem.message))
    await controller._close_current()
    controller.window.show_loading(translate("ServerRecovery", "Your data on the server cannot be opened."))
    _url, _path, server = controller._own_location()
    while True:
        dialog = ServerProblemDialog(server, problem.message, controller.window)
        await _ask(dialog)
        if dialog.choice == RETRY:
            await controller._start_own()
            return True
        if dialog.choice == OPEN_OTHER:
            chosen = await controller.choose_database_file()
            if chosen is None:
                continue
            await controller._open_other(chosen)
            return True
        controller.exit_code = 1
        controller.window.show_fatal(problem.message)
        controller.window.close()
        return True
