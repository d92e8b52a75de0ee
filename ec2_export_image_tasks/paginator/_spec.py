"""The data that turns the generic paginator into one for a particular operation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:
    from collections.abc import Mapping

    from botocore.client import BaseClient


class BotoRequest(Protocol):
    """A request model: validated from boto3's ``paginate(**kwargs)``, and written back as them.

    Any pydantic model with a ``to_boto()`` returning its boto3 form (a ``TypedDict`` is a
    ``Mapping[str, object]``) is one.
    """

    @classmethod
    def model_validate(cls, obj: object, /) -> Self: ...

    def to_boto(self) -> Mapping[str, object]: ...


ItemT = TypeVar("ItemT", bound=BaseModel)
PageT = TypeVar("PageT", bound=BaseModel)
RequestT = TypeVar("RequestT", bound=BotoRequest)


@dataclass(frozen=True, slots=True)
class PaginatorSpec(Generic[ItemT, PageT, RequestT]):
    """One operation's pagination, as botocore's ``paginators-1.json`` has it, plus its models.

    ``result_key`` is one of botocore's result keys for the operation, and ``token_key`` its
    input and output token (botocore's ``input_token`` and ``output_token``, the same name for
    the operations this supports): a paginator refuses a spec whose keys are not so
    (:func:`check_keys`). ``request_model`` validates boto3's keyword arguments before anything
    is sent; ``item_id_key`` names the key whose value identifies an item in error messages.
    """

    operation_name: str
    result_key: str
    token_key: str
    item_model: type[ItemT]
    page_model: type[PageT]
    request_model: type[RequestT]
    item_id_key: str | None = None


def check_keys(spec: PaginatorSpec[Any, Any, Any], client: BaseClient) -> None:
    """A ValueError, before any request, for a spec whose keys are not botocore's.

    botocore's own paginator sends the requests and reads its keys from its paginators-1.json:
    paging under a result key of the spec's own it would go on while nothing was handed out,
    and under another token name the resume tokens would name a parameter botocore never sends.
    """
    result_keys = [
        key.expression for key in client.get_paginator(spec.operation_name).result_keys or ()
    ]
    if spec.result_key not in result_keys:
        raise ValueError(
            f"PaginatorSpec.result_key {spec.result_key!r} is not a result key of "
            f"{spec.operation_name}: botocore's are {result_keys}"
        )
    operation = client.meta.service_model.operation_model(
        client.meta.method_to_api_mapping[spec.operation_name]
    )
    for side, shape in (("input", operation.input_shape), ("output", operation.output_shape)):
        if shape is None or spec.token_key not in shape.members:
            raise ValueError(
                f"PaginatorSpec.token_key {spec.token_key!r} is not a member of "
                f"{operation.name}'s {side}: it must be the operation's own token, in and out"
            )
