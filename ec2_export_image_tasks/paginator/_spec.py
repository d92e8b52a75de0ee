"""The data that turns the generic paginator into one for a particular operation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from collections.abc import Mapping


class BotoRequest(Protocol):
    """A request model: validated from boto3's ``paginate(**kwargs)``, and written back as them."""

    @classmethod
    def model_validate(cls, obj: Any, /) -> Self: ...

    def to_boto(self) -> Mapping[str, Any]: ...


ItemT = TypeVar("ItemT", bound=BaseModel)
PageT = TypeVar("PageT", bound=BaseModel)
RequestT = TypeVar("RequestT", bound=BotoRequest)


@dataclass(frozen=True, slots=True)
class PaginatorSpec(Generic[ItemT, PageT, RequestT]):
    """One operation's pagination, as botocore's ``paginators-1.json`` has it, plus its models.

    ``token_key`` is the operation's input and output token (botocore's ``input_token`` and
    ``output_token``, the same name for the operations this supports); ``request_model``
    validates boto3's keyword arguments before anything is sent; ``item_id_key`` names the key
    whose value identifies an item in error messages.
    """

    operation_name: str
    result_key: str
    token_key: str
    item_model: type[ItemT]
    page_model: type[PageT]
    request_model: type[RequestT]
    item_id_key: str | None = None
