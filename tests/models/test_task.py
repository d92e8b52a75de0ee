"""ExportImageTask and S3ExportLocation: progress a whole percent, the ID forms, plain strings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks import strategies
from ec2_export_image_tasks.models import (
    ExportImageTask,
    ExportImageTaskStatus,
    S3ExportLocation,
    Tag,
)

from .helpers import rejected

ID_FIELDS = {"ExportImageTaskId": "export-ami-", "ImageId": "ami-"}
HEX = "0123456789abcdef"


def test_a_task_is_built_from_snake_case_names() -> None:
    task = ExportImageTask(
        description="nightly",
        export_image_task_id="export-ami-0123456789abcdef0",
        image_id="ami-0123abcd",
        progress=45,
        s3_export_location=S3ExportLocation(s3_bucket="exports", s3_prefix="images/"),
        status=ExportImageTaskStatus.ACTIVE,
        status_message="converting",
        tags=(Tag(key="team", value="imaging"),),
    )

    assert task.to_boto() == {
        "Description": "nightly",
        "ExportImageTaskId": "export-ami-0123456789abcdef0",
        "ImageId": "ami-0123abcd",
        "Progress": "45",
        "S3ExportLocation": {"S3Bucket": "exports", "S3Prefix": "images/"},
        "Status": "active",
        "StatusMessage": "converting",
        "Tags": [{"Key": "team", "Value": "imaging"}],
    }


def test_every_field_is_optional() -> None:
    assert ExportImageTask.model_validate({}).to_boto() == {}


def test_a_field_given_as_none_is_absent() -> None:
    assert ExportImageTask(description=None, progress=None).to_boto() == {}


@given(st.integers(0, 100))
def test_progress_is_the_wire_percent_as_an_int(percent: int) -> None:
    task = ExportImageTask.model_validate({"Progress": str(percent)})

    assert task.progress == percent
    assert task.to_boto() == {"Progress": str(percent)}


@pytest.mark.parametrize("wire", ["0", "100"])
def test_progress_takes_both_ends_of_the_range(wire: str) -> None:
    assert ExportImageTask.model_validate({"Progress": wire}).progress == int(wire)


@pytest.mark.parametrize("percent", [0, 100])
def test_progress_built_as_an_int_goes_out_as_its_string(percent: int) -> None:
    assert ExportImageTask(progress=percent).to_boto() == {"Progress": str(percent)}


@pytest.mark.parametrize(
    "progress",
    [
        *["101", "-1", "abc", "50%", "045", " 45", "45.0", "45 ", "", "00", "+45", "4_5"],
        *["\u0664\u0665", "\uff14\uff15", "45\n", "0x2d", "1e2"],
        *[True, False, 101, -1, 45.0, b"45", ["45"]],
    ],
    ids=repr,
)
def test_progress_is_rejected_unless_a_whole_percent_in_canonical_form(progress: object) -> None:
    with rejected("Progress", progress):
        ExportImageTask.model_validate({"Progress": progress})


@given(st.integers().filter(lambda n: not 0 <= n <= 100))
def test_progress_outside_0_to_100_is_rejected(percent: int) -> None:
    with rejected("Progress", str(percent)):
        ExportImageTask.model_validate({"Progress": str(percent)})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ExportImageTaskId", "export-ami-0123456789abcdef0"),
        ("ExportImageTaskId", "export-ami-0123abcd"),
        ("ImageId", "ami-0123456789abcdef0"),
        ("ImageId", "ami-0123abcd"),
    ],
)
def test_ids_of_8_or_17_lowercase_hex_digits_are_accepted(field: str, value: str) -> None:
    assert ExportImageTask.model_validate({field: value}).to_boto() == {field: value}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ExportImageTaskId", "export-ami-0123456789ABCDEF0"),
        ("ExportImageTaskId", "export-ami-0123ABCD"),
        ("ImageId", "ami-0123456789abcdeF0"),
        ("ExportImageTaskId", "export-ami-0123abc"),
        ("ExportImageTaskId", "export-ami-0123abcde"),
        ("ImageId", "ami-0123456789abcdef"),
        ("ImageId", "ami-0123456789abcdef01"),
        ("ExportImageTaskId", "ami-0123456789abcdef0"),
        ("ExportImageTaskId", "export-i-0123abcd"),
        ("ImageId", "export-ami-0123abcd"),
        ("ImageId", "snap-0123abcd"),
        ("ImageId", "AMI-0123abcd"),
        ("ImageId", "ami-0123abcg"),
        ("ImageId", "ami-0123abcd\n"),
        ("ImageId", " ami-0123abcd"),
        ("ImageId", "ami-\uff10123abcd"),
        ("ImageId", b"ami-0123abcd"),
    ],
    ids=repr,
)
def test_malformed_ids_are_rejected(field: str, value: object) -> None:
    with rejected(field, value):
        ExportImageTask.model_validate({field: value})


@pytest.mark.parametrize("field", sorted(ID_FIELDS))
@given(data=st.data())
def test_ids_with_any_other_number_of_hex_digits_are_rejected(
    field: str, data: st.DataObject
) -> None:
    length = data.draw(st.integers(0, 40).filter(lambda n: n not in (8, 17)))
    value = ID_FIELDS[field] + data.draw(st.text(HEX, min_size=length, max_size=length))

    with rejected(field, value):
        ExportImageTask.model_validate({field: value})


@given(strategies.export_image_task_ids(), strategies.image_ids())
def test_ids_are_kept_exactly(task_id: str, image_id: str) -> None:
    task = ExportImageTask.model_validate({"ExportImageTaskId": task_id, "ImageId": image_id})

    assert (task.export_image_task_id, task.image_id) == (task_id, image_id)


@pytest.mark.parametrize("field", ["Description", "StatusMessage"])
@pytest.mark.parametrize("value", [7, b"nightly", ["nightly"]], ids=repr)
def test_text_fields_must_be_strings(field: str, value: object) -> None:
    with rejected(field, value):
        ExportImageTask.model_validate({field: value})


def test_tags_are_a_tuple_of_tags() -> None:
    task = ExportImageTask.model_validate({"Tags": [{"Key": "a"}, {"Key": "b", "Value": "c"}]})

    assert task.tags == (Tag(key="a"), Tag(key="b", value="c"))


def test_an_invalid_tag_is_named_by_its_position() -> None:
    with rejected("Tags.1.Key", "aws:x"):
        ExportImageTask.model_validate({"Tags": [{"Key": "a"}, {"Key": "aws:x"}]})


def test_an_s3_location_is_built_from_snake_case_names() -> None:
    location = S3ExportLocation(s3_bucket="exports", s3_prefix="images/")

    assert location.to_boto() == {"S3Bucket": "exports", "S3Prefix": "images/"}


@pytest.mark.parametrize("field", ["S3Bucket", "S3Prefix"])
@pytest.mark.parametrize("value", [7, b"exports"], ids=repr)
def test_s3_location_parts_must_be_strings(field: str, value: object) -> None:
    with rejected(f"S3ExportLocation.{field}", value):
        ExportImageTask.model_validate({"S3ExportLocation": {field: value}})
