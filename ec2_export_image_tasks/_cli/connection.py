"""The EC2 client the command line talks to: AWS, with aws-cli's connection options, or the demo."""

from __future__ import annotations

import os
import warnings
from typing import TYPE_CHECKING, cast

from ._userinfo import without_userinfo

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    import botocore.session
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
    client = _client(args, clock)
    if args.debug:
        from ._debug import log_answers

        log_answers(client)
    return client


def _client(args: argparse.Namespace, clock: Callable[[], float]) -> EC2Client:
    if args.demo:
        from .demo import demo_ec2  # imported here: the demo only when asked for

        return demo_ec2(clock).client
    # Imported here: the grammar reads this module's defaults, and --help loads no botocore.
    import botocore.session
    from botocore.config import Config
    from botocore.exceptions import (
        BotoCoreError,
        InvalidRegionError,
        NoRegionError,
        ProfileNotFound,
    )

    from ._model_cache import use_model_cache

    core = botocore.session.Session(profile=args.profile)
    config = Config(
        # aws-cli's meaning: 0 is no timeout at all.
        connect_timeout=args.cli_connect_timeout or None,
        read_timeout=args.cli_read_timeout or None,
    )
    # botocore reads only AWS_DEFAULT_REGION; aws-cli v2 and the SDKs read AWS_REGION first.
    region = args.region or os.environ.get("AWS_REGION") or None
    # botocore never sends a URL's user and password, yet prints the URL in its errors.
    endpoint_url = args.endpoint_url and without_userinfo(args.endpoint_url)
    try:
        if args.ca_bundle is None:  # --ca-bundle was checked as it was parsed
            _check_ca_bundle(core)
        use_model_cache(core)
        # botocore's own client, as boto3's would be: importing boto3 costs a tenth of a list.
        client = cast(
            "EC2Client",
            core.create_client(
                "ec2",
                region_name=region,
                endpoint_url=endpoint_url,
                config=config,
                verify=_verify(args),
            ),
        )
        if endpoint_url is None:  # --endpoint-url was checked as it was parsed
            _check_configured_endpoint(client.meta.endpoint_url)
        return client
    except AwsSetupError:
        raise
    except (NoRegionError, ProfileNotFound):
        raise  # a missing setting, not an invalid one
    except (ValueError, BotoCoreError) as error:
        from_aws_region = isinstance(error, InvalidRegionError) and region != args.region
        culprit = " (in AWS_REGION)" if from_aws_region else _culprit(core)
        raise AwsSetupError(f"invalid AWS configuration: {error}{culprit}") from error


def _verify(args: argparse.Namespace) -> bool | str | None:
    """aws-cli's meaning: ``--no-verify-ssl`` checks nothing (and says so in no warning: it was
    asked for); else ``--ca-bundle``; else None, botocore's own choice (``AWS_CA_BUNDLE``, the
    config's ``ca_bundle``, its bundled CAs)."""
    if not args.verify_ssl:
        from urllib3.exceptions import InsecureRequestWarning

        # urllib3 warns at each request, in two lines with a link: not a failure, nor one line.
        warnings.filterwarnings("ignore", category=InsecureRequestWarning)
        return False
    bundle: str | None = args.ca_bundle
    return bundle


def _check_ca_bundle(core: botocore.session.Session) -> None:
    """Name the setting when the CA bundle botocore would verify AWS with is not a file:
    botocore itself only says ``No such file or directory`` once it connects."""
    path = core.get_config_variable("ca_bundle")
    if path is None or (os.path.exists(path) and not os.path.isdir(path)):
        return  # a file, or a pipe (AWS_CA_BUNDLE=<(...))
    config_key, environment_variable, _, _ = core.session_var_map["ca_bundle"]
    in_environment = environment_variable in os.environ  # set, even empty, it wins
    setting = environment_variable if in_environment else f"{config_key} in your AWS config file"
    if not path:  # botocore would verify nothing: an empty bundle means no check at all
        undo = "unset it" if in_environment else "remove it"
        raise AwsSetupError(f"{setting} is empty: name a CA bundle, or {undo}")
    if os.path.isdir(path):  # botocore reads one file: "Is a directory" once it connects
        raise AwsSetupError(f"{setting} names a directory, not a file of CA certificates: {path}")
    raise AwsSetupError(f"{setting} names a CA bundle that does not exist: {path}")


def _check_configured_endpoint(url: str) -> None:
    """Refuse, naming the setting, an endpoint URL from the environment or the config file that
    botocore took but cannot send to (a port out of range, a scheme other than http(s))."""
    from ._endpoint_url import endpoint_url_problem  # with botocore's check, as make_client

    problem = endpoint_url_problem(url)
    if problem is None:
        return
    setting = next(
        (name for name in ("AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL") if os.environ.get(name)),
        "endpoint_url in your AWS config file",
    )
    raise AwsSetupError(f"invalid AWS configuration: {setting}: {problem}")


def _culprit(core: botocore.session.Session) -> str:
    """`` (in AWS_MAX_ATTEMPTS)``: the setting botocore cannot read, when it is one of its own."""
    from botocore.exceptions import BotoCoreError

    for name, (config_key, environment_variable, _, _) in core.session_var_map.items():
        try:
            core.get_config_variable(name)
        except ValueError:
            return f" (in {environment_variable or config_key})"
        except BotoCoreError:
            continue  # unreadable for another reason: not the setting at fault
    return ""
