"""Language identification reads py3langid's model from casegraph's unpacked copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from casegraph.ingest import language
from casegraph.records import PageText

SAMPLES = {
    "en": "The convoy crossed the river at dawn and the checkpoint let it through.",
    "ar": "عبرت القافلة النهر عند الفجر وسمحت لها نقطة التفتيش بالمرور دون تفتيش.",
    "fr": "Le convoi a traversé la rivière à l'aube et le poste de contrôle l'a laissé passer.",
}


def test_the_unpacked_copy_identifies_as_py3langid_s_own_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    language._identifier.cache_clear()
    try:
        for attempt in ("unpacked now", "read from the copy"):
            for code, text in SAMPLES.items():
                assert language._identifier().classify(text) == shipped.classify(text), attempt
                assert language.detect_language([PageText(1, text)]) == code
            language._identifier.cache_clear()
        assert [p.name.split("-")[0] for p in (tmp_path / "casegraph").iterdir()] == ["language"]
    finally:
        language._identifier.cache_clear()
