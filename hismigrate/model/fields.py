"""Annotated field types shared by the inventory models: forgiving on input, strict in meaning."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic.fields import FieldInfo

from hismigrate.model.text import parse_day, parse_flag, parse_list, parse_number, parse_text

# The constraints come before the BeforeValidator so that they land on pydantic's own string check, which runs
# in Rust; placed after it they become one Python call each per value (half of validation at 60,000 servers),
# and they also reach the JSON Schema. parse_text still runs first.
Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s:,、]+$"),
    BeforeValidator(parse_text),
]
"""An identifier: no spaces, colons or commas (they separate lists in a workbook cell)."""

OptId = Annotated[
    str | None,
    StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s:,、]+$"),
    BeforeValidator(parse_text),
]
"""An optional reference to an identifier."""

Slug = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$"), BeforeValidator(parse_text)
]
"""A lower-case identifier usable as a folder name."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000), BeforeValidator(parse_text)]
OptText = Annotated[str | None, BeforeValidator(parse_text)]
Flag = Annotated[bool, BeforeValidator(parse_flag)]
OptFlag = Annotated[bool | None, BeforeValidator(parse_flag)]
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
"""Dates an inventory or a setting may hold: no hospital computer was bought before 1900, and a date past 2199 is a
typo; the analyses add and subtract years from dates, which Python cannot do near year 1 or 9999."""
_DAY_RANGE = Field(
    ge=FIRST_DAY,
    le=LAST_DAY,
    json_schema_extra={"formatMinimum": FIRST_DAY.isoformat(), "formatMaximum": LAST_DAY.isoformat()},
)
Day = Annotated[date, _DAY_RANGE]
OptDay = Annotated[Day | None, BeforeValidator(parse_day)]
NUMBER = BeforeValidator(parse_number)
"""A number as people write it (full-width digits, thousands separators, units): after a field's bounds in its
Annotated (`Annotated[float | None, bounded(...), NUMBER]`), so that the bounds land on pydantic's own number check."""
OptFloat = Annotated[float | None, BeforeValidator(parse_number)]
OptInt = Annotated[int | None, BeforeValidator(parse_number)]
Int = Annotated[int, BeforeValidator(parse_number)]
IdList = Annotated[list[Id], BeforeValidator(parse_list)]
TextList = Annotated[list[Text], BeforeValidator(parse_list)]


# Upper bounds on what a hospital can have. Beyond them a figure is a typo (or an attack), not an estate: the
# analyses multiply these by counts, years and escalation, and a report must still be able to print the result.
MAX_PURCHASE_JPY = 100_000_000_000
"""One purchase (a server, a system's software, a project's work): 1,000 億円, ten times the largest EMR contract."""
MAX_YEARLY_JPY = 10_000_000_000
"""One yearly amount (maintenance, licence, a line, a shared cost): 100 億円 a year, a large hospital's IT budget."""
MAX_CORES = 4096
MAX_MEMORY_GB = 65_536
"""64 TiB: more than the largest single server sold (32-48 TiB)."""
MAX_STORAGE_GB = 10_000_000
"""About 10 PB: more than the image archive of a large hospital group."""
MAX_MBPS = 1_000_000
"""1 Tbps: more than any line or interface a hospital rents or runs."""
MAX_GB_PER_DAY = 1_000_000
"""1 PB a day (about 93 Gbps all day long)."""
MAX_WATTS = 100_000
"""100 kW: more than a fully loaded rack, let alone one server."""
MAX_HOURS = 8784
"""A (leap) year in hours."""
MAX_USERS = 50_000
"""Users of one system: five times the staff of the largest hospital."""
MAX_BEDS = 5000
MAX_DEPRECIATION_YEARS = 30
"""A useful life: longer than any statutory life of IT equipment or software (4-6 years) by far."""


def figure(text: float | int) -> str:
    """A bound as the schema and messages show it: `65,536`, `0.5`."""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    return f"{text:,}" if isinstance(text, int) else repr(text)


def range_note(
    ge: float | None = None, le: float | None = None, gt: float | None = None, lt: float | None = None
) -> str:
    """The bounds of a number in words (`From 0 to 65,536.`), appended to its description."""
    if ge is not None and le is not None:
        return f"From {figure(ge)} to {figure(le)}."
    low = f"above {figure(gt)}" if gt is not None else (f"at least {figure(ge)}" if ge is not None else "")
    high = f"below {figure(lt)}" if lt is not None else (f"at most {figure(le)}" if le is not None else "")
    text = ", ".join(part for part in (low, high) if part)
    return text[:1].upper() + text[1:] + "." if text else ""


def bounded(
    description: str,
    *,
    le: float | None = None,
    ge: float | None = None,
    gt: float | None = None,
    lt: float | None = None,
) -> FieldInfo:
    """A number's field, for `Annotated[float, bounded(...)] = default`: finite and within `ge`/`gt`..`le`/`lt`, its
    description ending with the range (so that `hismigrate schema` and the docs say it)."""
    note = range_note(ge=ge, le=le, gt=gt, lt=lt)
    return FieldInfo.from_field(
        description=f"{description} {note}".strip(), ge=ge, le=le, gt=gt, lt=lt, allow_inf_nan=False
    )
