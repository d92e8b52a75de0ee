"""The resume-token format is botocore's, byte for byte."""

from __future__ import annotations

from botocore.paginate import TokenDecoder, TokenEncoder
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks.paginator import token

service_tokens = st.none() | st.text(min_size=1)


@given(service_tokens, st.integers(min_value=1))
def test_a_mid_page_token_is_what_botocore_writes(service_token: str | None, done: int) -> None:
    written = token.encode(token.Position(service_token, done), "NextToken")

    expected = TokenEncoder().encode({"NextToken": service_token, "boto_truncate_amount": done})
    assert written == expected


@given(st.text(min_size=1))
def test_a_page_boundary_token_is_what_botocore_writes(service_token: str) -> None:
    written = token.encode(token.Position(service_token), "NextToken")

    assert written == TokenEncoder().encode({"NextToken": service_token})


@given(service_tokens, st.integers(min_value=0))
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
