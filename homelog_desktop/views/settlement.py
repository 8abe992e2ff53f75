"""The dashboard card's bill forecast: the billing year's advances, cost so far and the settlement."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ..domain.consumption import Period, period_label
from ..domain.projection import ProjectionMethod
from ..i18n import translate
from . import figures

if TYPE_CHECKING:
    from ..domain.settlement import Settlement

#: Adds a captioned row to the card's grid and returns (caption, widget).
AddRow = Callable[[str, QWidget], tuple[QLabel, QWidget]]
#: Colours a label as "success", "error" or plain (None), as the card does.
SetTone = Callable[[QLabel, str | None], None]


class SettlementRows:
    """Two rows of a source card: "Settlement" with the refund or back payment forecast, and
    under it the billing year, what was paid, what the consumption so far costs and the forecast
    cost of the year."""

    def __init__(self, add_row: AddRow, set_tone: SetTone) -> None:
        self._set_tone = set_tone
        self.result_label = _label("cardSettlement")
        self.detail_label = _label("cardSettlementDetail")
        self.detail_label.setEnabled(False)
        self.caption, _ = add_row(translate("SettlementRows", "Settlement"), self.result_label)
        self._detail_caption, _ = add_row("", self.detail_label)
        self.set_settlement(None, QLocale())

    @property
    def rows(self) -> tuple[tuple[QWidget, ...], ...]:
        return ((self.caption, self.result_label), (self._detail_caption, self.detail_label))

    def set_settlement(self, settlement: Settlement | None, locale: QLocale, *, visible: bool = True) -> None:
        """Show ``settlement`` (None: the source records no advance payments, nothing is shown)."""
        shown = settlement is not None and visible
        for row in self.rows:
            for widget in row:
                widget.setVisible(shown)
        if settlement is None:
            return
        currency = settlement.currency
        period = Period.BILLING_YEAR if settlement.year_start.month != 1 else Period.YEAR
        # The year goes with the figures, not the caption: "Settlement 2026/27" widened the captions'
        # column so far that the card's other figures wrapped on a narrow card.
        self.caption.setText(translate("SettlementRows", "Settlement"))
        paid = translate("SettlementRows", "{year}: paid {paid} of {due}").format(
            year=period_label(settlement.year_start, period, settlement.year_start.month),
            paid=figures.money(settlement.paid, currency, locale),
            due=figures.money(settlement.due_for_year, currency, locale),
        )
        parts = [paid]
        if settlement.cost_so_far is not None:
            parts.append(
                translate("SettlementRows", "used {amount} so far").format(
                    amount=figures.money(settlement.cost_so_far, currency, locale)
                )
            )
        balance = settlement.balance
        last_day = settlement.year_end - timedelta(days=1)
        tip = translate(
            "SettlementRows",
            "Billing year {first} to {last}: the advances due for the year against the forecast cost of its "
            "consumption.",
        ).format(first=_day(settlement.year_start, locale), last=_day(last_day, locale))
        if balance is None or settlement.forecast_cost is None:
            self.result_label.setText(translate("SettlementRows", "needs a tariff and a reading this year"))
            self.result_label.setEnabled(False)
            self._set_tone(self.result_label, None)
        else:
            amount = figures.money(abs(balance), currency, locale)
            self.result_label.setText(
                translate("SettlementRows", "refund {amount}").format(amount=amount)
                if balance >= 0
                else translate("SettlementRows", "back payment {amount}").format(amount=amount)
            )
            self.result_label.setEnabled(True)
            self._set_tone(self.result_label, "success" if balance >= 0 else "error")
            parts.append(
                translate("SettlementRows", "year {amount}").format(
                    amount=figures.money(settlement.forecast_cost, currency, locale)
                )
            )
            how = (
                translate("SettlementRows", "last year's seasons")
                if settlement.method is ProjectionMethod.SEASONAL
                else translate("SettlementRows", "the recent daily rate")
            )
            tip += translate("SettlementRows", " The rest of the year is projected from {how}.").format(how=how)
        if settlement.partial_from is not None:
            tip += translate(
                "SettlementRows", " Readings begin on {day}: the cost before then is not included."
            ).format(day=_day(settlement.partial_from, locale))
        self.detail_label.setText(" · ".join(parts))
        for label in (self.caption, self.result_label, self.detail_label):
            label.setToolTip(tip)


def _day(day: date, locale: QLocale) -> str:
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def settlement_html(settlement: Settlement, locale: QLocale) -> str:
    """The settlement for the Reports page's footer: one line, the forecast in bold."""
    from ..domain.settlement import FORECAST_LINE, settlement_lines

    lines = settlement_lines(
        settlement, lambda value, currency: figures.money(value, currency, locale), lambda day: _day(day, locale)
    )
    forecast = translate("Settlement", FORECAST_LINE).partition("{")[0]
    return " · ".join(
        f"<b>{html.escape(line)}</b>" if line.startswith(forecast) else html.escape(line) for line in lines
    )
