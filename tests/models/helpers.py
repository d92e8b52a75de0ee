"""The one assertion of the constraint tests: a ValidationError naming the field and value."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError


def assert_rejected(model: type[BaseModel], data: Any, field: str, value: object) -> None:
    """``model.model_validate(data)`` fails, and its message names ``field`` and ``value``."""
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    message = str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert f"\n{field}\n" in message, message
    shown = repr(value)
    # pydantic abbreviates a long input in the message: its start must still be there.
    assert shown in message or (len(shown) > 30 and shown[:6] in message), message
