"""Typed paging over botocore: a generic engine and, on it, ``DescribeExportImageTasks``.

Two public modules, each a role: :mod:`.export_image_tasks`, the EC2 face (re-exported by the
package root), and :mod:`.generic`, for paging other operations. The ``_``-named modules are the
engine's machinery. Nothing is imported here, so that importing :mod:`.generic` does not load
the EC2 models.
"""

__all__: list[str] = []
