"""The EC2 client the command line talks to: AWS, with aws-cli's connection options, or the demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, NoRegionError, ProfileNotFound

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from mypy_boto3_ec2.client import EC2Client

__all__ = ["DEFAULT_CONNECT_TIMEOUT", "DEFAULT_READ_TIMEOUT", "AwsSetupError", "make_client"]

# botocore waits 60 s for a connection and 60 s for each read, and retries: an endpoint that
# accepts and never answers would keep a person waiting five minutes without a word.
DEFAULT_CONNECT_TIMEOUT = 10
DEFAULT_READ_TIMEOUT = 15


class AwsSetupError(Exception):
    """A setting of the AWS configuration (environment or config file) cannot make a client."""


def make_client(args: argparse.Namespace, clock: Callable[[], float]) -> EC2Client:
    """The client the connection options describe; nothing is sent yet."""
    if args.demo:
        from .demo import demo_ec2  # imported here: the demo only when asked for

        return demo_ec2(clock).client
    import boto3

    core = botocore.session.Session(profile=args.profile)
    config = Config(
        # aws-cli's meaning: 0 is no timeout at all.
        connect_timeout=args.cli_connect_timeout or None,
        read_timeout=args.cli_read_timeout or None,
    )
    try:
        session = boto3.session.Session(region_name=args.region, botocore_session=core)
        return session.client("ec2", endpoint_url=args.endpoint_url, config=config)  # pyright: ignore[reportUnknownMemberType]
    except (NoRegionError, ProfileNotFound):
        raise  # a missing setting, not an invalid one
    except (ValueError, BotoCoreError) as error:
        raise AwsSetupError(f"invalid AWS configuration: {error}{_culprit(core)}") from error


def _culprit(core: botocore.session.Session) -> str:
    """`` (in AWS_MAX_ATTEMPTS)``: the setting botocore cannot read, when it is one of its own."""
    for name, (config_key, environment_variable, _, _) in core.session_var_map.items():
        try:
            core.get_config_variable(name)
        except ValueError:
            return f" (in {environment_variable or config_key})"
        except BotoCoreError:
            continue  # unreadable for another reason: not the setting at fault
    return ""
