"""``python -m ec2_export_image_tasks``: the command line."""

from ._cli import main

__all__: list[str] = []  # run, not imported

raise SystemExit(main())
