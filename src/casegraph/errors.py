"""One catalogue of coded errors, shared by the library and the command line."""

from __future__ import annotations

from .records import FailureReason


class CaseGraphError(Exception):
    """A user-facing error: one line, exit status 1."""

    code = "E000"

    def __str__(self) -> str:
        return f"{self.code}: {super().__str__()}"


class NotACase(CaseGraphError):
    """The folder is not a casegraph case."""

    code = "E001"


class CaseExists(CaseGraphError):
    """init was asked to create a case where one already exists."""

    code = "E002"


class InputNotFound(CaseGraphError):
    """An input path given to ingest does not exist."""

    code = "E003"


class QuerySyntaxError(CaseGraphError):
    """A search query could not be parsed."""

    code = "E004"


class UnknownDocument(CaseGraphError):
    """No document has the given id."""

    code = "E005"


class BadSetting(CaseGraphError):
    """A setting name or value is not valid."""

    code = "E006"


class CaseLocked(CaseGraphError):
    """Another casegraph process is writing to this case."""

    code = "E007"


class UnknownPage(CaseGraphError):
    """The document has no page with that number."""

    code = "E008"


class UnknownEntity(CaseGraphError):
    """No entity has the given id."""

    code = "E009"


class MissingSystemLibrary(CaseGraphError):
    """A system library a feature needs is not installed (e.g. Pango for PDF reports)."""

    code = "E010"


class CaseUnwritable(CaseGraphError):
    """The case can no longer be written (disk full, database damaged, permission lost)."""

    code = "E020"


class DamagedCase(CaseGraphError):
    """The case's database is damaged: empty, truncated, garbled or missing tables."""

    code = "E011"


class UnsupportedSchema(CaseGraphError):
    """The case was made by a newer casegraph, or its schema version is unknown."""

    code = "E012"


class CaseUnavailable(CaseGraphError):
    """The case's database cannot be opened or read (permissions, an unmounted or failing disk)."""

    code = "E013"


class UnknownFinding(CaseGraphError):
    """No finding of the case has the given id."""

    code = "E015"


class ForgedRequest(CaseGraphError):
    """A change asked of the workbench without its token: another site's page, or a form
    from before the workbench was started again."""

    code = "E016"


class BadNote(CaseGraphError):
    """A note asked for with nothing to say (no text, no tag) or on characters the page does
    not have."""

    code = "E017"


class UnknownNote(CaseGraphError):
    """No note of the case has the given id."""

    code = "E018"


class NotSignedIn(CaseGraphError):
    """A server's workbench asked for a page without a valid session: sign in first."""

    code = "E021"


class NotAllowed(CaseGraphError):
    """The signed-in person's role on the case does not allow what was asked."""

    code = "E022"


class TooManySignIns(CaseGraphError):
    """Too many refused sign-ins for a name or from an address: wait before trying again."""

    code = "E023"


class CannotWrite(CaseGraphError):
    """An output file or folder cannot be written where it was asked for."""

    code = "E014"


class ExtractionError(Exception):
    """Raised by an extractor for a typed failure of one file."""

    reason: FailureReason = FailureReason.CORRUPT

    def __init__(self, detail: str, reason: FailureReason | None = None):
        super().__init__(detail)
        if reason is not None:
            self.reason = reason


class EncryptedFile(ExtractionError):
    """The file is protected by a password or encryption."""

    reason = FailureReason.ENCRYPTED


class CorruptFile(ExtractionError):
    """The file is damaged or not what its type claims."""

    reason = FailureReason.CORRUPT


class UnsupportedFile(ExtractionError):
    """No extractor handles this type."""

    reason = FailureReason.UNSUPPORTED


class LimitExceeded(ExtractionError):
    """A container broke a safety limit (depth, members, size, ratio)."""

    reason = FailureReason.LIMIT_EXCEEDED


def one_line(error: BaseException | str) -> str:
    """An error as one short line: its class and message (a string is kept as it is)."""
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return " ".join(text.split())[:300] or "no detail"
