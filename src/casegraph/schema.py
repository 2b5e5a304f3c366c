"""JSON Schemas (draft 2020-12) of what each command prints with ``--json``.

Reads the types of ``casegraph.listings``; writes nothing. ``schema_of`` turns a type into a
schema: a TypedDict becomes an object under ``$defs`` that requires every key but those
marked NotRequired and allows no other (so a renamed or missing key fails validation);
``list[X]``, ``dict[str, X]``, unions, Optional, Literal, str, int, float and bool map to
their JSON counterparts. ``command_schema(NAME)`` is the schema of one command's output;
``schema_of(CommandError)`` is the one shape of every command's error.
"""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

from . import listings as out

JsonSchema = dict[str, Any]
DIALECT = "https://json-schema.org/draft/2020-12/schema"
JSON_TYPES: dict[object, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}

# every command with --json, and the type of what it prints
COMMAND_OUTPUTS: dict[str, object] = {
    "config": out.CaseSettings | out.OneSetting,
    "ingest": out.IngestResult | out.QueuedRun | out.JobsQueued,
    "status": out.StatusReport,
    "check": out.CheckReport,
    "failures": list[out.FailureListing],
    "search": out.SearchResult,
    "review": list[out.PageToReview],
    "ocr": out.IngestResult,
    "extract": out.ExtractResult | out.QueuedRun | out.JobsQueued,
    "entities": list[out.EntitySummary],
    "entity": out.EntityDetail,
    "judge": out.Review,
    "note": out.Note,
    "notes": list[out.Note] | out.Note,
    "mark": out.DocumentMarks,
    "events": list[out.EventListing],
    "claims": list[out.ClaimListing],
    "findings": list[out.Finding],
    "corroboration": list[out.Corroboration],
    "graph": out.ActorView,
    "timeline": list[out.EventListing],
    "xref": out.XrefResult,
    "report": out.ReportWritten,
    "export": out.Export,
    "investigate": out.Investigation,
    "ls": list[out.DocumentListing],
    "show": out.DocumentDetail,
    "demo": out.DemoSummary,
    "copy": out.CaseCopied,
    "audit": list[out.AuditEntry],
}


def command_schema(name: str) -> JsonSchema:
    """The JSON Schema of what the command of this name prints with --json."""
    if name not in COMMAND_OUTPUTS:
        raise ValueError(f"no command {name!r} prints JSON; these do: {', '.join(COMMAND_OUTPUTS)}")
    return schema_of(COMMAND_OUTPUTS[name])


def schema_of(shape: object) -> JsonSchema:
    """The JSON Schema of a value of this type, with its TypedDicts under ``$defs``."""
    definitions: dict[str, JsonSchema] = {}
    root = _schema(shape, definitions)
    return {"$schema": DIALECT, **root, "$defs": definitions}


def _schema(shape: object, definitions: dict[str, JsonSchema]) -> JsonSchema:
    """The schema of one type; the TypedDicts it meets are added to definitions."""
    origin, args = get_origin(shape), get_args(shape)
    if shape is None or shape is type(None):
        return {"type": "null"}
    if shape in JSON_TYPES:
        return {"type": JSON_TYPES[shape]}
    if is_typeddict(shape):
        return _reference(shape, definitions)
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema(arg, definitions) for arg in args]}
    if origin is list:
        return {"type": "array", "items": _schema(args[0], definitions)}
    if origin is dict:
        return _mapping(args[0], args[1], definitions)
    raise TypeError(f"no JSON Schema for {shape!r}")


def _mapping(key: object, value: object, definitions: dict[str, JsonSchema]) -> JsonSchema:
    """An object with any keys of the key type, each holding the value type."""
    found: JsonSchema = {"type": "object", "additionalProperties": _schema(value, definitions)}
    if key is not str:
        found["propertyNames"] = _schema(key, definitions)
    return found


def _reference(typed: Any, definitions: dict[str, JsonSchema]) -> JsonSchema:
    """A reference to the TypedDict's object schema, defined once under its name."""
    name = typed.__name__
    if name not in definitions:
        definitions[name] = _object(typed, definitions)
    return {"$ref": f"#/$defs/{name}"}


def _object(typed: Any, definitions: dict[str, JsonSchema]) -> JsonSchema:
    """A TypedDict's keys as a closed object; each key required unless NotRequired."""
    hints = get_type_hints(typed)
    found: JsonSchema = {
        "type": "object",
        "properties": {key: _schema(hint, definitions) for key, hint in hints.items()},
        "required": [key for key in hints if key in typed.__required_keys__],
        "additionalProperties": False,
    }
    if typed.__doc__:
        found["description"] = " ".join(typed.__doc__.split())
    return found
