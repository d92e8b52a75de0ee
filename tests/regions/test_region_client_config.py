"""Each region's client config: the listing's timeouts, under the session's default, under yours."""

from __future__ import annotations

from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from botocore.config import Config

from ec2_export_image_tasks._regions import (
    _client_config,  # pyright: ignore[reportPrivateUsage]
)


def _options(config: Config, *names: str) -> tuple[object, ...]:
    # botocore sets a Config's options as attributes the stubs do not declare.
    return tuple(getattr(config, name) for name in names)


def _session(default: AioConfig | None = None) -> AioSession:
    session = AioSession()
    session.set_default_client_config(default)  # type: ignore[arg-type]  # None: no default
    return session


def test_without_any_config_a_region_gives_up_on_a_silent_connection_after_20_s() -> None:
    config = _client_config(_session(), None)

    assert _options(config, "connect_timeout", "read_timeout") == (10.0, 20.0)


def test_the_sessions_default_overrides_the_listing_and_the_callers_config_overrides_both() -> None:
    session = _session(
        AioConfig(read_timeout=5.0, connect_timeout=5.0, retries={"max_attempts": 1})
    )

    config = _client_config(session, Config(connect_timeout=3.0))

    assert _options(config, "connect_timeout", "read_timeout", "retries") == (
        3.0,
        5.0,
        {"max_attempts": 1},
    )


def test_the_callers_aiohttp_settings_are_kept() -> None:
    config = _client_config(_session(), AioConfig(connector_args={"keepalive_timeout": 5.0}))

    assert isinstance(config, AioConfig)
    assert _options(config, "connector_args", "read_timeout") == ({"keepalive_timeout": 5.0}, 20.0)
