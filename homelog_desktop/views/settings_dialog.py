"""File → Settings…: the language Home Log is shown in (applied at the next start)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..i18n import LANGUAGE_NAMES, available_languages, choose_language, chosen_language, translate


class SettingsDialog(QDialog):
    """The settings kept for this user (not in the data file)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self.language = QComboBox()
        self.language.setObjectName("settingsLanguage")
        self.language.addItem(translate("SettingsDialog", "System default"), "")
        for code in available_languages():
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(chosen_language())))
        self._initial = chosen_language()
        note = QLabel(translate("SettingsDialog", "A new language is shown when Home Log starts next time."))
        note.setObjectName("settingsNote")
        note.setWordWrap(True)
        note.setEnabled(False)
        form = QFormLayout()
        form.addRow(translate("SettingsDialog", "&Language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 60)  # the note on one or two lines

    def accept(self) -> None:
        choose_language(str(self.language.currentData() or ""))
        super().accept()
