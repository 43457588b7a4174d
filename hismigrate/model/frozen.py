"""The base of every result model (assessment, exposure, cost, survey submission): frozen, no unknown fields."""

from __future__ import annotations

from functools import cache
from typing import Self

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def trusted(cls, **values: object) -> Self:
        """A model from values that are valid already (parts of validated objects), every field given: what
        `model_construct` makes, about twice as fast (it resolves each field's default; x100 has 200,000 findings).
        The models have no private attributes and no post-init, which model_construct would also set up."""
        if values.keys() != cls.__pydantic_fields__.keys():
            wrong = sorted(values.keys() ^ cls.__pydantic_fields__.keys())
            raise TypeError(f"{cls.__name__}.trusted needs every field and no other: {wrong}")
        model = cls.__new__(cls)
        _set(model, "__dict__", values)
        _set(model, "__pydantic_fields_set__", _every_field(cls))
        _set(model, "__pydantic_extra__", None)
        _set(model, "__pydantic_private__", None)
        return model

    @classmethod
    def whole(cls, **values: object) -> Self:
        """A model validated from values that give every field, which shares its record of the fields given
        (pydantic's `model_fields_set`) with every other model of its class made so: a set of five names is 728
        bytes, more than the rest of a finding, and a large estate has hundreds of thousands of them. The models are
        frozen, and pydantic copies the record before it changes one (`model_copy`)."""
        model = cls(**values)
        if model.__pydantic_fields_set__ != _every_field(cls):
            raise TypeError(f"{cls.__name__}.whole needs every field: {sorted(_every_field(cls) - values.keys())}")
        _set(model, "__pydantic_fields_set__", _every_field(cls))
        return model


@cache
def _every_field(cls: type[BaseModel]) -> set[str]:
    """The record of given fields that every model of `cls` made with all of them shares (never changed)."""
    return set(cls.__pydantic_fields__)


_set = object.__setattr__  # the models are frozen: their own __setattr__ refuses
