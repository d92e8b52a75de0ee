"""An enumeration in an answer, read in any letter case: EC2 may not write the documented one.

aws-cli's own example answer to ``export-image`` carries ``"DiskImageFormat": "vmdk"`` after a
request that sent ``VMDK``. An answer is read as EC2 sends it: a value that is a member in other
ASCII letters becomes that member, and goes back out of ``to_boto()`` in the documented form.
Requests are still checked and sent in the documented form only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic_core import CoreSchema, core_schema

if TYPE_CHECKING:
    from enum import StrEnum

    from pydantic import GetCoreSchemaHandler

__all__ = ["AnyCase", "any_case_pattern"]


def any_case_pattern(values: list[str]) -> str:
    """A regex that matches exactly ``values`` in any ASCII letter case, without a flag.

    JSON Schema's patterns (ECMA-262) have no inline ``(?i)``, so each letter is a class.
    """
    spelt = (
        "".join(
            f"[{c.lower()}{c.upper()}]" if c.isascii() and c.isalpha() else re.escape(c)
            for c in value
        )
        for value in values
    )
    return f"^(?:{'|'.join(spelt)})$"


@dataclass(frozen=True, slots=True)
class AnyCase:
    """``Annotated`` metadata for an enum field of an answer: the documented spelling is read in
    pydantic-core alone (no Python call per item on the hot path); another letter case of it
    falls back to a lookup. The JSON Schema says both; a value out of the enum fails naming the
    values. ASCII letters only, so that the model and the schema's pattern agree.
    """

    def __get_pydantic_core_schema__(
        self, source: type[StrEnum], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        exact = handler(source)
        by_lowercase: dict[str, Any] = {member.value.lower(): member for member in source}
        values = list(by_lowercase)
        other_case = core_schema.chain_schema(
            [
                core_schema.str_schema(strict=True, pattern=any_case_pattern(values)),
                core_schema.no_info_plain_validator_function(
                    lambda value: by_lowercase[value.lower()]
                ),
            ]
        )
        *others, last = (repr(member.value) for member in source)
        expected = f"{', '.join(others)} or {last}"

        def either(documented: CoreSchema) -> CoreSchema:
            return core_schema.union_schema(
                [documented, other_case],
                mode="left_to_right",
                custom_error_type="enum",  # pydantic's own: "Input should be 'a' or 'b'"
                custom_error_context={"expected": expected},
            )

        return core_schema.json_or_python_schema(
            json_schema=either(exact),
            # A lax enum also takes b"active": from Python only a str is text.
            python_schema=either(
                core_schema.chain_schema([core_schema.str_schema(strict=True), exact])
            ),
            serialization=core_schema.to_string_ser_schema(when_used="always"),
        )
