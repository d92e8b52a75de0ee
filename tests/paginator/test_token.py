"""The resume-token format is botocore's, byte for byte."""

from __future__ import annotations

import base64

import pytest
from botocore.paginate import TokenDecoder, TokenEncoder
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks.errors import InvalidStartingTokenError
from ec2_export_image_tasks.paginator import _token as token

service_tokens = st.none() | st.text(min_size=1)


@given(service_tokens, st.integers(min_value=1, max_value=token.MAX_ITEMS_DONE))
def test_a_mid_page_token_is_what_botocore_writes(service_token: str | None, done: int) -> None:
    written = token.encode(token.Position(service_token, done), "NextToken")

    expected = TokenEncoder().encode({"NextToken": service_token, "boto_truncate_amount": done})
    assert written == expected


@given(st.text(min_size=1))
def test_a_page_boundary_token_is_what_botocore_writes(service_token: str) -> None:
    written = token.encode(token.Position(service_token), "NextToken")

    assert written == TokenEncoder().encode({"NextToken": service_token})


item_counts = st.integers(min_value=0, max_value=token.MAX_ITEMS_DONE)


@given(service_tokens, item_counts)
def test_decoding_reads_back_what_encoding_wrote(service_token: str | None, done: int) -> None:
    position = token.Position(service_token, done)
    written = token.encode(position, "NextToken")

    assert token.decode(written, "NextToken") == position
    assert TokenDecoder().decode(written)["NextToken"] == service_token


def test_a_raw_service_token_is_taken_whole() -> None:
    assert token.decode("eyJ2IjoiMSJ9-not-json", "NextToken") == token.Position(
        "eyJ2IjoiMSJ9-not-json"
    )


def test_a_service_token_that_is_base64_json_is_still_a_raw_token() -> None:
    service_token = "eyJ2IjogIjEiLCAiYyI6ICJ4In0="  # {"v": "1", "c": "x"}, EC2's own style

    assert token.decode(service_token, "NextToken") == token.Position(service_token)


def test_botocores_old_style_suffix_is_the_count_of_items_done() -> None:
    assert token.decode("abc___3", "NextToken") == token.Position("abc", 3)
    assert token.decode("None___2", "NextToken") == token.Position(None, 2)
    assert token.decode("abc___xyz", "NextToken") == token.Position("abc___xyz")


def _botocore_form(payload: str) -> str:
    return base64.b64encode(payload.encode()).decode()


@pytest.mark.parametrize(
    ("starting_token", "reason"),
    [
        (_botocore_form('{"NextToken": "a", "boto_truncate_amount": 2147483648}'), "2147483648"),
        (
            _botocore_form('{"NextToken": "a", "boto_truncate_amount": ' + "9" * 5000 + "}"),
            "too large",
        ),
        (_botocore_form('{"NextToken": "a", "boto_truncate_amount": -1}'), "-1"),
        (_botocore_form('{"NextToken": ""}'), "empty"),
        ("abc___" + "9" * 5000, "too large"),
        ("abc___2147483648", "2147483648"),
        ("abc___-1", "-1"),
        ("", "empty"),
        ("___3", "empty"),
        (_botocore_form("[" * 100_000 + "]" * 100_000), "nests too deeply"),
    ],
    ids=[
        "count-over-int32",
        "count-of-5000-digits",
        "negative-count",
        "empty-service-token",
        "legacy-count-of-5000-digits",
        "legacy-count-over-int32",
        "legacy-negative",
        "empty-raw-token",
        "legacy-empty-service-token",
        "nested-100000-deep",
    ],
)
def test_a_token_no_botocore_run_could_have_written_is_refused(
    starting_token: str, reason: str
) -> None:
    with pytest.raises(InvalidStartingTokenError, match="StartingToken") as raised:
        token.decode(starting_token, "NextToken")

    assert reason in str(raised.value)
    assert len(str(raised.value)) < 500  # a huge token is abbreviated, not dumped


def test_the_largest_item_count_is_accepted() -> None:
    written = _botocore_form('{"NextToken": "a", "boto_truncate_amount": 2147483647}')

    assert token.decode(written, "NextToken") == token.Position("a", token.MAX_ITEMS_DONE)
