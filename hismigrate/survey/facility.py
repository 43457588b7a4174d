"""The facility code of a submission: the code the hospital gives, or a keyed hash of its inventory id.

A plain or publicly salted hash of a hospital's name or id can be reversed by hashing every hospital's name; a hash
keyed with a secret the hospital keeps (HMAC-SHA256) cannot, and stays the same from one year's export to the next.
"""

from __future__ import annotations

import hashlib
import hmac

from pydantic import TypeAdapter, ValidationError

from hismigrate.model.submission import FacilityCode

HASH_PREFIX = "h-"
HASH_HEX_DIGITS = 32  # 128 bits: no two hospitals collide in a national survey
_CODE = TypeAdapter(FacilityCode)


def valid_code(code: str) -> str | None:
    """The code stripped, or None when it is not a facility code (letters, digits, - and _, up to 64)."""
    try:
        return _CODE.validate_python(code)
    except ValidationError:
        return None


def hashed_code(hospital_id: str, salt: bytes) -> str:
    """`h-` and 32 hex digits of HMAC-SHA256(salt, hospital id): stable for one salt, unguessable without it."""
    digest = hmac.new(salt, hospital_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return HASH_PREFIX + digest[:HASH_HEX_DIGITS]
