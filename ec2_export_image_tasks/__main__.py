"""``python -m ec2_export_image_tasks``: the command line."""

from .cli import main

raise SystemExit(main())
