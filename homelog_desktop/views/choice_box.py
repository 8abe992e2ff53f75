"""A message box whose buttons are named choices: ``choice`` holds the name of the one clicked."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class ChoiceBox(QMessageBox):
    """``set_choices`` adds the buttons (object names ``<choice>Button``); ``choice`` is the one clicked,
    else the escape choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self._buttons: dict[str, QPushButton] = {}
        self.buttonClicked.connect(self._on_clicked)

    def set_choices(self, buttons: dict[str, tuple[str, QMessageBox.ButtonRole]], *, default: str, escape: str) -> None:
        self.choice = escape
        for name, (text, role) in buttons.items():
            button = self.addButton(text, role)
            button.setObjectName(f"{name}Button")
            self._buttons[name] = button
        self.setDefaultButton(self._buttons[default])
        self.setEscapeButton(self._buttons[escape])

    def choice_button(self, name: str) -> QPushButton:
        """The button of the choice ``name`` (tests click them)."""
        return self._buttons[name]

    def _on_clicked(self, clicked: object) -> None:
        for name, button in self._buttons.items():
            if button is clicked:
                self.choice = name
