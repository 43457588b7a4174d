"""How a report sheet prints: A4 landscape, one page wide (as many long as it takes), the header row repeated on
every page, narrow margins, and the sheet's name and page number in the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FOOTER = {"ja": "&P / &N ページ", "en": "Page &P of &N"}


def set_up_printing(sheet: Worksheet, lang: str) -> None:
    from openpyxl.worksheet.page import PageMargins

    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "2:2"
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.2, footer=0.3)
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.right.text = FOOTER.get(lang, FOOTER["en"])
