"""The errors the local EC2 answers with, and where each code comes from:

- EC2 API Reference, "Error codes for the Amazon EC2 API" (common and per-action client errors):
  ``UnauthorizedOperation``, ``DryRunOperation``, ``IdempotentParameterMismatch``,
  ``InvalidParameterValue``, ``MissingParameter``, ``UnknownParameter``, ``InvalidPaginationToken``,
  ``InvalidAMIID.Malformed``, ``InvalidAMIID.NotFound``, ``InvalidExportTaskID.Malformed``,
  ``InvalidExportTaskID.NotFound``, ``InvalidExportImageTaskId.NotFound`` and ``IncorrectState``.
- A documented guess, where AWS names no code: a bucket that does not exist (the ExportImage
  reference says only "The destination bucket must exist") is ``InvalidParameter``, the code EC2
  uses for VM Import/Export's bucket and role checks; cancelling a task that is no longer active
  (the CancelExportTask reference: "If the export task is complete or is in the process of
  transferring the final disk image, the command fails and returns an error") is
  ``IncorrectState``; a client token over 64 characters, a description over 255, a tag
  specification for another resource type and a parameter holding a character XML 1.0 cannot
  carry are ``InvalidParameterValue``.
"""

from __future__ import annotations


class Ec2Error(Exception):
    """An error the service answers with: EC2's error code, message, and HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
