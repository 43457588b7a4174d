"""The base of every result model (assessment, exposure, cost, survey submission): frozen, no unknown fields."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def trusted(cls, **values: object) -> Self:
        """A model from values that are valid already (parts of validated objects), every field given: what
        `model_construct` makes, about twice as fast (it resolves each field's default; x100 has 200,000 findings).
        The models have no private attributes, which model_construct would also set up."""
        if values.keys() != cls.__pydantic_fields__.keys():
            wrong = sorted(values.keys() ^ cls.__pydantic_fields__.keys())
            raise TypeError(f"{cls.__name__}.trusted needs every field and no other: {wrong}")
        model = cls.__new__(cls)
        _set(model, "__dict__", values)
        _set(model, "__pydantic_fields_set__", set(values))
        share_given(model)
        _set(model, "__pydantic_extra__", None)
        _set(model, "__pydantic_private__", None)
        return model

    def model_post_init(self, context: object, /) -> None:
        share_given(self)


def share_given(model: BaseModel) -> None:
    """Share the model's record of which fields were given (pydantic's `model_fields_set`) with the models of its
    class given the same fields: a set per model is 728 bytes for a finding's five names and 2.3 KB for a server's,
    more than the rest of either, and a large estate has hundreds of thousands of them. Done as each model is made,
    so that the set it drops is reused by the next one instead of leaving a hole in the heap. The models are frozen,
    and pydantic copies the record before it changes one (`model_copy`)."""
    given = model.__pydantic_fields_set__
    one = _GIVEN.setdefault((type(model), frozenset(given)), given)
    if one is not given:
        _set(model, "__pydantic_fields_set__", one)


# The records of given fields that models share, by class and fields: a few per class, never changed.
_GIVEN: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}


_set = object.__setattr__  # the models are frozen: their own __setattr__ refuses
