"""The XML is EC2's: element names from botocore's own service model, text that survives parsing."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import botocore.session
import pytest
from botocore.exceptions import ClientError
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, Reply, error_reply
from ec2_export_image_tasks.testing import _xml as xml

from ..stub_clients import stubs_client

if TYPE_CHECKING:
    from collections.abc import Mapping

    from botocore.model import Shape
    from mypy_boto3_ec2.client import EC2Client

# Text XML 1.0 can carry: no control characters but tab, LF and CR; no surrogates, no U+FFFE/F.
xml_text = st.text(
    st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"]
        + ["\ufffe", "\uffff"],
    )
)


def _location_names(shape: Shape) -> dict[str, str]:
    """Every member name under ``shape``, nested ones too, with its XML element name."""
    names: dict[str, str] = {}
    for name, member in getattr(shape, "members", {}).items():
        names[name] = member.serialization["name"]
        names |= _location_names(getattr(member, "member", member))
    return names


def test_element_names_are_the_location_names_in_botocores_service_model() -> None:
    model = botocore.session.get_session().get_service_model("ec2")
    names: dict[str, str] = {}
    for operation in ("DescribeExportImageTasks", "ExportImage"):
        output = model.operation_model(operation).output_shape
        assert output is not None
        names |= _location_names(output)

    assert names == xml.ELEMENTS


def test_a_page_is_written_as_ec2_writes_it() -> None:
    task = {
        "ExportImageTaskId": "export-ami-00000001",
        "S3ExportLocation": {"S3Bucket": "exports"},
        "Tags": [{"Key": "team", "Value": "imaging"}],
    }

    assert xml.describe_export_image_tasks([task], "token-2", "request-1") == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<DescribeExportImageTasksResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
        b"<requestId>request-1</requestId>"
        b"<exportImageTaskSet><item>"
        b"<exportImageTaskId>export-ami-00000001</exportImageTaskId>"
        b"<s3ExportLocation><s3Bucket>exports</s3Bucket></s3ExportLocation>"
        b"<tagSet><item><key>team</key><value>imaging</value></item></tagSet>"
        b"</item></exportImageTaskSet>"
        b"<nextToken>token-2</nextToken>"
        b"</DescribeExportImageTasksResponse>"
    )


def test_the_last_page_has_no_next_token_element() -> None:
    page = xml.describe_export_image_tasks([], None, "request-1")

    assert b"nextToken" not in page
    assert b"<exportImageTaskSet></exportImageTaskSet>" in page


def test_markup_characters_and_carriage_returns_are_escaped() -> None:
    page = xml.describe_export_image_tasks([{"Description": "a<b>&c\r\n"}], None, "r")

    assert b"<description>a&lt;b&gt;&amp;c&#13;\n</description>" in page


@pytest.mark.parametrize(
    ("text", "code_point"),
    [("nul\x00", "U+0000"), ("bell\x07", "U+0007"), ("\ud800", "U+D800"), ("\uffff", "U+FFFF")],
)
def test_text_xml_cannot_carry_is_refused_naming_the_character(text: str, code_point: str) -> None:
    with pytest.raises(ValueError, match=re.escape(code_point)):
        xml.describe_export_image_tasks([{"Description": text}], None, "r")


@pytest.mark.parametrize(
    "text",
    ["\U0001d11e\U0001f600", "<&>", "]]>", "a\r\nb\rc", " padded ", "", "\t", "&#13;", "\u2028"],
    ids=["astral", "markup", "cdata-end", "line-ends", "spaces", "empty", "tab", "a-ref", "ls"],
)
def test_tag_text_round_trips_exactly(local_ec2: LocalEC2[EC2Client], text: str) -> None:
    stored = local_ec2.add_task({"Tags": [{"Key": text or "k", "Value": text}]})

    assert local_ec2.client.describe_export_image_tasks()["ExportImageTasks"] == [stored]


@given(key=xml_text.filter(bool), value=xml_text)
def test_any_tag_text_survives_the_xml_and_botocores_parser(key: str, value: str) -> None:
    local: LocalEC2[EC2Client] = LocalEC2()
    stored = local.add_task({"Tags": [{"Key": key, "Value": value}]})

    assert local.client.describe_export_image_tasks()["ExportImageTasks"] == [stored]


def test_an_error_document_reaches_boto3_as_its_code_and_message() -> None:
    def fail(action: str, parameters: Mapping[str, str]) -> Reply:
        return error_reply(Ec2Error("Odd.Code", "a <b> & \U0001f600", 400))

    with pytest.raises(ClientError) as raised:
        stubs_client(fail).describe_export_image_tasks()

    assert raised.value.response.get("Error") == {
        "Code": "Odd.Code",
        "Message": "a <b> & \U0001f600",
    }
