"""ExportImage and CancelExportTask: every documented limit at its edge, accepted and rejected.

The round trip, snake_case construction, immutability and unknown keys are tested for these
models with every other model (test_every_model.py, test_request.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks import strategies
from ec2_export_image_tasks.models import (
    CancelExportTaskRequest,
    DiskImageFormat,
    ExportImageRequest,
    ExportImageResponse,
    ExportTaskS3LocationRequest,
    Tag,
    TagSpecification,
)
from ec2_export_image_tasks.models._facts import BUCKET_PREFIXES, BUCKET_SUFFIXES, MAX_TAGS

from .helpers import ASTRAL, AWS_PREFIXES, rejected, to_boto

MINIMAL: dict[str, Any] = {
    "DiskImageFormat": "VMDK",
    "ImageId": "ami-0123456789abcdef0",
    "S3ExportLocation": {"S3Bucket": "my-exports"},
}
"""The three required parameters."""


def _request(**changes: object) -> ExportImageRequest:
    return ExportImageRequest.model_validate(MINIMAL | changes)


def _bucket(name: object) -> ExportImageRequest:
    return _request(S3ExportLocation={"S3Bucket": name})


def _tagged(*tags: dict[str, str]) -> ExportImageRequest:
    return _request(TagSpecifications=[{"ResourceType": "export-image-task", "Tags": list(tags)}])


def test_a_request_is_built_from_snake_case_names() -> None:
    request = ExportImageRequest(
        image_id="ami-0123456789abcdef0",
        disk_image_format=DiskImageFormat.VHD,
        s3_export_location=ExportTaskS3LocationRequest(s3_bucket="my-exports", s3_prefix="vms/"),
        role_name="vmimport",
        tag_specifications=(
            TagSpecification(resource_type="export-image-task", tags=(Tag(key="team"),)),
        ),
    )

    assert request.to_boto() == {
        "ImageId": "ami-0123456789abcdef0",
        "DiskImageFormat": "VHD",
        "S3ExportLocation": {"S3Bucket": "my-exports", "S3Prefix": "vms/"},
        "RoleName": "vmimport",
        "TagSpecifications": [{"ResourceType": "export-image-task", "Tags": [{"Key": "team"}]}],
    }


def test_the_three_required_parameters_are_enough() -> None:
    assert _request().to_boto() == MINIMAL


@pytest.mark.parametrize("key", sorted(MINIMAL))
def test_each_required_parameter_is_required(key: str) -> None:
    given_ = {name: value for name, value in MINIMAL.items() if name != key}

    with rejected(key, given_):
        ExportImageRequest.model_validate(given_)


def test_an_s3_location_without_a_bucket_is_rejected() -> None:
    with rejected("S3ExportLocation.S3Bucket", {"S3Prefix": "vms/"}):
        _request(S3ExportLocation={"S3Prefix": "vms/"})


@pytest.mark.parametrize("image_id", ["ami-0123ABCD", "export-ami-0123abcd", "ami-0123abc", ""])
def test_an_image_id_not_of_the_ami_form_is_rejected(image_id: str) -> None:
    with rejected("ImageId", image_id):
        _request(ImageId=image_id)


@pytest.mark.parametrize("disk_image_format", ["VMDK", "RAW", "VHD"])
def test_each_disk_image_format_is_accepted_and_read_as_the_enum(disk_image_format: str) -> None:
    request = _request(DiskImageFormat=disk_image_format)

    assert request.disk_image_format is DiskImageFormat(disk_image_format)
    assert request.to_boto()["DiskImageFormat"] == disk_image_format


@pytest.mark.parametrize("disk_image_format", ["vmdk", "Raw", "OVA", "", b"VMDK", 1])
def test_any_other_disk_image_format_is_rejected(disk_image_format: object) -> None:
    with rejected("DiskImageFormat", disk_image_format):
        _request(DiskImageFormat=disk_image_format)


@pytest.mark.parametrize("name", ["abc", "a" * 63, "1.2.3", "a-b.c-d", "my.exports.2026", "xn-a"])
def test_bucket_names_within_the_rules_are_accepted(name: str) -> None:
    assert _bucket(name).s3_export_location.s3_bucket == name


@given(strategies.s3_bucket_names())
def test_every_bucket_name_the_strategy_gives_is_accepted(name: str) -> None:
    assert _bucket(name).s3_export_location.s3_bucket == name


@pytest.mark.parametrize(
    "name",
    [
        "ab",  # 2 characters
        "a" * 64,  # 64 characters
        "My-exports",  # an uppercase letter
        "my_exports",  # an underscore
        "my exports",  # a space
        "caf\u00e9-exports",  # a letter outside ASCII
        "-exports",  # begins with a hyphen
        "exports-",  # ends with a hyphen
        ".exports",  # begins with a dot
        "exports.",  # ends with a dot
        "my..exports",  # two adjacent dots
        "192.168.5.4",  # an IP address
        "",
    ],
)
def test_bucket_names_breaking_a_rule_are_rejected(name: str) -> None:
    with rejected("S3ExportLocation.S3Bucket", name):
        _bucket(name)


@pytest.mark.parametrize("prefix", BUCKET_PREFIXES)
def test_bucket_names_with_a_reserved_prefix_are_rejected(prefix: str) -> None:
    name = prefix + "exports"

    with rejected("S3ExportLocation.S3Bucket", name):
        _bucket(name)


@pytest.mark.parametrize("suffix", BUCKET_SUFFIXES)
def test_bucket_names_with_a_reserved_suffix_are_rejected(suffix: str) -> None:
    name = "exports" + suffix

    with rejected("S3ExportLocation.S3Bucket", name):
        _bucket(name)


@given(name=strategies.s3_bucket_names(), at=st.integers(0, 62), letter=st.sampled_from("AZ_"))
def test_a_capital_or_an_underscore_anywhere_is_rejected(name: str, at: int, letter: str) -> None:
    spoiled = name[:at] + letter + name[at + 1 :]

    with rejected("S3ExportLocation.S3Bucket", spoiled):
        _bucket(spoiled)


@pytest.mark.parametrize("name", [b"my-exports", 7, None])
def test_a_bucket_name_must_be_a_string(name: object) -> None:
    with rejected("S3ExportLocation.S3Bucket", name):
        _bucket(name)


@given(st.text())
def test_any_s3_prefix_is_accepted(prefix: str) -> None:
    request = _request(S3ExportLocation={"S3Bucket": "my-exports", "S3Prefix": prefix})

    assert request.s3_export_location.s3_prefix == prefix


@pytest.mark.parametrize("role_name", ["r", "r" * 64, "vmimport", "A_b+c=d,e.f@g-h9"])
def test_role_names_within_iam_rules_are_accepted(role_name: str) -> None:
    assert _request(RoleName=role_name).role_name == role_name


@given(strategies.role_names())
def test_every_role_name_the_strategy_gives_is_accepted(role_name: str) -> None:
    assert _request(RoleName=role_name).role_name == role_name


@pytest.mark.parametrize(
    "role_name", ["", "r" * 65, "vm import", "path/role", "a:b", "r\u00f4le", "r\n", b"vmimport"]
)
def test_role_names_breaking_iam_rules_are_rejected(role_name: object) -> None:
    with rejected("RoleName", role_name):
        _request(RoleName=role_name)


@given(
    role_name=strategies.role_names(),
    at=st.integers(0, 63),
    bad=st.characters().filter(lambda c: not (c.isascii() and (c.isalnum() or c in "_+=,.@-"))),
)
def test_any_other_character_in_a_role_name_is_rejected(role_name: str, at: int, bad: str) -> None:
    spoiled = role_name[:at] + bad + role_name[at + 1 :]

    with rejected("RoleName", spoiled):
        _request(RoleName=spoiled)


def test_without_a_role_name_none_is_sent() -> None:
    # The service then uses the role named vmimport; the request says nothing.
    assert "RoleName" not in _request().to_boto()


@pytest.mark.parametrize(
    "token", ["t", "t" * 64, "\x00 ~\x7f", "550e8400-e29b-41d4-a716-446655440000"]
)
def test_client_tokens_of_1_to_64_ascii_characters_are_accepted(token: str) -> None:
    assert _request(ClientToken=token).client_token == token


@given(strategies.client_tokens())
def test_every_client_token_the_strategy_gives_is_accepted(token: str) -> None:
    assert _request(ClientToken=token).client_token == token


@pytest.mark.parametrize("token", ["", "t" * 65, "t\u00e9", ASTRAL, b"token"])
def test_client_tokens_out_of_limits_are_rejected(token: object) -> None:
    with rejected("ClientToken", token):
        _request(ClientToken=token)


@given(
    token=strategies.client_tokens(), at=st.integers(0, 63), bad=st.characters(min_codepoint=0x80)
)
def test_a_client_token_with_any_character_beyond_ascii_is_rejected(
    token: str, at: int, bad: str
) -> None:
    spoiled = token[:at] + bad + token[at + 1 :]

    with rejected("ClientToken", spoiled):
        _request(ClientToken=spoiled)


@pytest.mark.parametrize("unit", ["d", ASTRAL])
def test_a_description_of_255_characters_is_accepted(unit: str) -> None:
    assert _request(Description=unit * 255).description == unit * 255


@pytest.mark.parametrize("unit", ["d", ASTRAL])
def test_a_description_of_256_characters_is_rejected(unit: str) -> None:
    with rejected("Description", unit * 256):
        _request(Description=unit * 256)


@pytest.mark.parametrize("dry_run", ["true", 1])
def test_dry_run_must_be_a_bool(dry_run: object) -> None:
    with rejected("DryRun", dry_run):
        _request(DryRun=dry_run)


@pytest.mark.parametrize(
    "resource_type", ["image", "export-instance-task", "", b"export-image-task"]
)
def test_a_tag_specification_for_another_resource_type_is_rejected(resource_type: object) -> None:
    with rejected("TagSpecifications.0.ResourceType", resource_type):
        _request(TagSpecifications=[{"ResourceType": resource_type}])


def test_a_tag_specification_without_a_resource_type_is_rejected() -> None:
    specification: dict[str, object] = {"Tags": [{"Key": "team"}]}

    with rejected("TagSpecifications.0.ResourceType", specification):
        _request(TagSpecifications=[specification])


@pytest.mark.parametrize("prefix", AWS_PREFIXES)
def test_a_tag_key_with_the_aws_prefix_is_rejected(prefix: str) -> None:
    with rejected("TagSpecifications.0.Tags.0.Key", prefix + "x"):
        _tagged({"Key": prefix + "x"})


def test_tag_keys_and_values_have_the_limits_of_tag() -> None:
    accepted = _tagged({"Key": ASTRAL * 127, "Value": ASTRAL * 256})
    assert accepted.tag_specifications is not None

    with rejected("TagSpecifications.0.Tags.0.Key", "k" * 128):
        _tagged({"Key": "k" * 128})
    with rejected("TagSpecifications.0.Tags.0.Value", "v" * 257):
        _tagged({"Key": "k", "Value": "v" * 257})


def test_50_tags_are_accepted() -> None:
    tags = [{"Key": f"k{number}"} for number in range(MAX_TAGS)]

    assert _tagged(*tags).to_boto().get("TagSpecifications") == [
        {"ResourceType": "export-image-task", "Tags": tags}
    ]


def test_51_tags_are_rejected() -> None:
    tags = [{"Key": f"k{number}"} for number in range(MAX_TAGS + 1)]

    with rejected("TagSpecifications", [{"ResourceType": "export-image-task", "Tags": tags}]):
        _tagged(*tags)


def test_a_tag_key_given_twice_is_rejected_naming_it() -> None:
    with pytest.raises(ValueError, match="the tag key 'team' is given twice"):
        _tagged({"Key": "team", "Value": "a"}, {"Key": "team", "Value": "b"})


def test_a_tag_key_given_twice_in_two_specifications_is_rejected() -> None:
    specification = {"ResourceType": "export-image-task", "Tags": [{"Key": "team"}]}

    with pytest.raises(ValueError, match="the tag key 'team' is given twice"):
        _request(TagSpecifications=[specification, specification])


def test_tag_keys_differing_only_in_case_are_different_keys() -> None:
    assert _tagged({"Key": "team"}, {"Key": "Team"}).tag_specifications is not None


def test_an_unknown_key_in_a_request_tag_is_rejected_naming_it() -> None:
    with pytest.raises(ValueError, match="unknown key 'Vaule'"):
        _tagged({"Key": "team", "Vaule": "imaging"})


@given(data=st.data())
def test_a_response_checks_what_an_export_image_task_checks(data: st.DataObject) -> None:
    response = data.draw(strategies.boto_dicts(ExportImageResponse))
    field, value = data.draw(
        st.sampled_from(
            [
                ("Status", "exploded"),
                ("Progress", "101"),
                ("ExportImageTaskId", "export-ami-XYZ"),
                ("DiskImageFormat", "qcow2"),
            ]
        )
    )

    with rejected(field, value):
        ExportImageResponse.model_validate(response | {field: value})


def test_a_response_reads_progress_as_an_int_and_writes_the_string_back() -> None:
    answer = {"ExportImageTaskId": "export-ami-0123abcd", "Progress": "0", "Status": "active"}
    response = ExportImageResponse.model_validate(answer)

    assert response.progress == 0
    assert to_boto(response) == answer


@pytest.mark.parametrize("task_id", ["export-ami-0123abcd", "export-i-0123456789abcdef0"])
def test_cancel_takes_an_image_export_or_an_instance_export(task_id: str) -> None:
    assert CancelExportTaskRequest(export_task_id=task_id).to_boto() == {"ExportTaskId": task_id}


@pytest.mark.parametrize(
    "task_id", ["ami-0123abcd", "export-ami-0123ABCD", "export-ami-0123abc", "import-ami-0123abcd"]
)
def test_cancel_rejects_what_is_not_an_export_task_id(task_id: str) -> None:
    with rejected("ExportTaskId", task_id):
        CancelExportTaskRequest.model_validate({"ExportTaskId": task_id})
