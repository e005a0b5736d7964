"""One exception hierarchy for duiding.

Users never see a traceback: the CLI prints ``str(error)`` on one line and exits non-zero, and
a batch turns each per-article error into a row of the ``failures`` table (its ``code`` and
message) and goes on. The code is a stable, greppable identifier; the message says what was
wrong and, where possible, what to do about it.

    DuidingError                      code
    ├── ConfigError                   config
    ├── InputError                    input          one source or record could not be used
    │   ├── UnreadableFileError       unreadable     missing, a folder, no permission, I/O error
    │   ├── BinaryFileError           binary         not text (NUL bytes, an image, an archive)
    │   ├── EncodingError             encoding       bytes that no supported encoding decodes
    │   ├── UnsupportedFormatError    format         a file type no reader handles
    │   ├── EmptyArticleError         empty          no body text left (after cleaning)
    │   ├── MalformedRecordError      record         a JSON/CSV record or feed that cannot be parsed
    │   ├── MissingColumnError        column         tabular input lacking the body column
    │   ├── BrokenHTMLError           html           an HTML page with no extractable article
    │   ├── MalformedDateError        date           a date that cannot be read
    │   └── FetchError                fetch          a URL that could not be downloaded
    ├── StoreError                    store          the SQLite file cannot be opened or migrated
    └── QueryError                    query          a search query or filter that cannot be run
        └── NotFoundError             not_found      no stored article, entity, storyline or event has that id
"""

from __future__ import annotations


class DuidingError(Exception):
    """Base of every error duiding raises on purpose."""

    code = "error"


class ConfigError(DuidingError):
    code = "config"


class InputError(DuidingError):
    code = "input"


class UnreadableFileError(InputError):
    code = "unreadable"


class BinaryFileError(InputError):
    code = "binary"


class EncodingError(InputError):
    code = "encoding"


class UnsupportedFormatError(InputError):
    code = "format"


class EmptyArticleError(InputError):
    code = "empty"


class MalformedRecordError(InputError):
    code = "record"


class MissingColumnError(InputError):
    code = "column"


class BrokenHTMLError(InputError):
    code = "html"


class MalformedDateError(InputError):
    code = "date"


class FetchError(InputError):
    code = "fetch"


class StoreError(DuidingError):
    code = "store"


class QueryError(DuidingError):
    code = "query"


class NotFoundError(QueryError):
    """A look-up by id that found nothing: the web answers 404 for it (a malformed query is 400)."""

    code = "not_found"
