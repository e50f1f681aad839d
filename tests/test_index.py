"""EvidenceIndex: build/save/load/search, errors for bad folders, crash-safe saves, hybrid search,
incremental updates, and one check with the real MiniLM model."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import claimcheck.fsutil as fsutil
import claimcheck.index.storage as index_storage
from claimcheck.corpus import corpus_hash, load_corpus
from claimcheck.embedding import HashingEmbedder, MiniLMEmbedder, Vectors, normalise_rows
from claimcheck.errors import ClaimcheckWarning, IndexError_
from claimcheck.index import (
    ANN_FILE,
    FIGURES_FILE,
    MANIFEST_FILE,
    PASSAGES_FILE,
    RRF_K,
    VECTORS_FILE,
    EvidenceIndex,
    IndexManifest,
    PassageFilter,
    build_index,
    embedding_key,
    ivf_lists,
    open_index,
    query_figures,
    verify_index,
)
from claimcheck.models import Citation, DocKind, Document, Label, Passage, SearchHit
from claimcheck.settings import Settings
from tests.factories import (
    index_corpus,
    make_breakdown,
    make_claim,
    make_draft,
    make_passage,
    make_verdict,
    write_corpus,
    write_file,
)


class CountingEmbedder(HashingEmbedder):
    """The hashing fake, remembering every text it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return super().embed(texts)


class WrongWidth(HashingEmbedder):
    """Same name as the default fake, other vector width."""

    def __init__(self) -> None:
        super().__init__(dim=32)
        self.name = "hashing-64"


@pytest.fixture
def docs(corpus_basic: Path) -> list[Document]:
    return load_corpus(corpus_basic)


@pytest.fixture
def built(
    docs: list[Document], embedder: HashingEmbedder, settings: Settings, corpus_basic: Path
) -> EvidenceIndex:
    return EvidenceIndex.build(docs, embedder, settings, corpus_basic)


def _siblings(folder: Path) -> list[str]:
    """The names in `folder`, less the index lock files (`.NAME.lock`, kept on purpose)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def _ids(hits: Sequence[SearchHit]) -> list[str]:
    return [hit.passage.passage_id for hit in hits]


# --------------------------------------------------------------------------------------------------
# build, save, load, search


def test_build_save_load_roundtrip(built: EvidenceIndex, embedder: HashingEmbedder, tmp_path: Path) -> None:
    target = tmp_path / "index"
    built.save(target)
    # Small indexes are exact: no approximate index file.
    assert sorted(p.name for p in target.iterdir()) == [
        FIGURES_FILE,
        MANIFEST_FILE,
        PASSAGES_FILE,
        VECTORS_FILE,
    ]
    assert _siblings(tmp_path) == ["index"]  # no temporary folders left behind

    loaded = EvidenceIndex.load(target, embedder, built.settings)
    assert loaded.manifest == built.manifest
    assert loaded.passages == built.passages
    assert loaded.manifest.n_passages == len(built.passages)
    for query in ["Reality Labs loss", "Llama 3.1 405B context length", "employees 67,317"]:
        for mode in ("dense", "bm25", "hybrid"):
            assert loaded.search(query, 4, mode=mode) == built.search(query, 4, mode=mode)

    manifest = json.loads((target / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["model"] == "hashing-64" and manifest["dim"] == 64
    assert set(manifest["doc_hashes"]) == {p.doc_id for p in built.passages}
    # Passages on disk carry raw text and citations, so search output needs no corpus.
    first = json.loads((target / PASSAGES_FILE).read_text(encoding="utf-8").splitlines()[0])
    assert first["raw_text"] and first["citation"]["title"]


def test_manifest_describes_the_build(built: EvidenceIndex, docs: list[Document], corpus_basic: Path) -> None:
    manifest = built.manifest
    assert manifest.corpus_hash == corpus_hash(docs)
    assert manifest.doc_hashes == {doc.doc_id: doc.content_hash for doc in docs}
    assert manifest.corpus_dir == str(corpus_basic)
    assert manifest.chunk_max_tokens == Settings().chunk_max_tokens
    stats = built.stats()
    assert stats.n_documents == len(docs)
    assert stats.n_passages == len(built.passages)
    assert sum(stats.passages_by_kind.values()) == stats.n_passages
    assert set(stats.passages_by_kind) == {"10-K", "model-card", "other"}


def test_search_orders_by_score_then_id(built: EvidenceIndex) -> None:
    hits = built.search("Reality Labs loss from operations", 5)
    assert len(hits) == 5
    keys = [(-hit.score, hit.passage.passage_id) for hit in hits]
    assert keys == sorted(keys)
    assert all(hit.dense_score == hit.score and hit.bm25_score is None for hit in hits)
    assert built.search("anything", 0) == []
    assert len(built.search("anything", 1000)) == len(built.passages)


def test_ties_break_by_passage_id(tmp_path: Path, embedder: HashingEmbedder, settings: Settings) -> None:
    corpus = write_corpus(tmp_path / "c", {name: "Identical text.\n" for name in ("b.md", "c.md", "a.md")})
    index = index_corpus(corpus, embedder, settings)
    hits = index.search("identical text", 3)
    assert len({hit.score for hit in hits}) == 1
    assert _ids(hits) == ["a.md#0", "b.md#0", "c.md#0"]


def test_search_many_matches_single_searches(built: EvidenceIndex) -> None:
    queries = ["Reality Labs loss", "Llama 2 context length", "open weights licences"]
    for mode in ("dense", "bm25", "hybrid"):
        batched = built.search_many(queries, 3, mode=mode)
        assert [_ids(hits) for hits in batched] == [_ids(built.search(q, 3, mode=mode)) for q in queries]


def test_empty_query_list_and_unknown_mode(built: EvidenceIndex) -> None:
    assert built.search_many([], 3) == []
    with pytest.raises(ValueError, match="unknown search mode"):
        built.search("x", 3, mode="sparse")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# load errors


def test_load_with_another_embedder_fails(built: EvidenceIndex, tmp_path: Path) -> None:
    target = tmp_path / "index"
    built.save(target)
    for other in (HashingEmbedder(dim=32), WrongWidth()):
        with pytest.raises(IndexError_) as info:
            EvidenceIndex.load(target, other, built.settings)
        assert "hashing-64" in info.value.reason
        assert info.value.path == str(target / MANIFEST_FILE)
        assert info.value.hint == f"rebuild with: claimcheck index build CORPUS --index {target}"


def test_corrupt_manifest_fails(built: EvidenceIndex, embedder: HashingEmbedder, tmp_path: Path) -> None:
    target = tmp_path / "index"
    built.save(target)
    (target / MANIFEST_FILE).write_text('{"model": "hashing-64", "dim": ', encoding="utf-8")
    with pytest.raises(IndexError_) as info:
        EvidenceIndex.load(target, embedder, built.settings)
    assert info.value.path == str(target / MANIFEST_FILE)
    assert "corrupt manifest" in info.value.reason
    assert "claimcheck index build" in (info.value.hint or "")


def test_missing_folder_and_files_fail(
    built: EvidenceIndex, embedder: HashingEmbedder, tmp_path: Path
) -> None:
    with pytest.raises(IndexError_, match="index folder not found"):
        EvidenceIndex.load(tmp_path / "nowhere", embedder, built.settings)
    for name in (MANIFEST_FILE, PASSAGES_FILE, VECTORS_FILE):
        target = tmp_path / f"without-{name}"
        built.save(target)
        (target / name).unlink()
        with pytest.raises(IndexError_) as info:
            EvidenceIndex.load(target, embedder, built.settings)
        assert info.value.path == str(target / name)
        assert "missing" in info.value.reason


def test_damaged_passages_and_vectors_fail(
    built: EvidenceIndex, embedder: HashingEmbedder, tmp_path: Path
) -> None:
    target = tmp_path / "index"
    built.save(target)
    lines = (target / PASSAGES_FILE).read_text(encoding="utf-8").splitlines()
    lines[2] = '{"passage_id": "x"}'.ljust(len(lines[2]))  # same size: the record itself is reported
    (target / PASSAGES_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(IndexError_) as info:
        EvidenceIndex.load(target, embedder, built.settings)
    assert info.value.line == 3

    built.save(target)
    data = (target / VECTORS_FILE).read_bytes()
    (target / VECTORS_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexError_, match=r"damaged index file: it is .* bytes"):
        EvidenceIndex.load(target, embedder, built.settings)

    # An index saved before files were recorded is read unchecked, and still fails on what it holds.
    built.save(target)
    manifest = IndexManifest.model_validate_json((target / MANIFEST_FILE).read_text(encoding="utf-8"))
    legacy = manifest.model_dump_json(exclude={"files"})
    (target / MANIFEST_FILE).write_text(legacy, encoding="utf-8")
    np.save(target / VECTORS_FILE, np.zeros((3, 64), dtype=np.float32))
    with pytest.raises(IndexError_, match="index files disagree"):
        EvidenceIndex.load(target, embedder, built.settings)


# --------------------------------------------------------------------------------------------------
# integrity: the manifest records each file's size and sha256


@pytest.fixture
def saved(built: EvidenceIndex, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    built.save(target)
    return target


def _load_error(target: Path, embedder: HashingEmbedder, settings: Settings) -> IndexError_:
    with pytest.raises(IndexError_) as info:
        EvidenceIndex.load(target, embedder, settings)
    assert f"claimcheck index build CORPUS --index {target}" in (info.value.hint or "")
    return info.value


def test_manifest_records_every_file_with_size_and_hash(saved: Path) -> None:
    manifest = IndexManifest.model_validate_json((saved / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert set(manifest.files) == {PASSAGES_FILE, VECTORS_FILE, FIGURES_FILE}
    for name, recorded in manifest.files.items():
        data = (saved / name).read_bytes()
        assert recorded.size == len(data)
        assert recorded.sha256 == hashlib.sha256(data).hexdigest()


def test_shuffled_passages_are_caught_on_open(
    saved: Path, embedder: HashingEmbedder, settings: Settings
) -> None:
    lines = (saved / PASSAGES_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0], lines[1] = lines[1], lines[0]  # same bytes, another order: each passage gets the other's vector
    (saved / PASSAGES_FILE).write_text("".join(lines), encoding="utf-8")
    error = _load_error(saved, embedder, settings)
    assert error.path == str(saved / PASSAGES_FILE)
    assert "does not match the manifest" in error.reason


def test_an_edited_passage_text_is_caught_on_open(
    saved: Path, embedder: HashingEmbedder, settings: Settings
) -> None:
    text = (saved / PASSAGES_FILE).read_text(encoding="utf-8")
    assert "134,902" in text
    (saved / PASSAGES_FILE).write_text(text.replace("134,902", "999,999"), encoding="utf-8")  # same length
    assert "does not match the manifest" in _load_error(saved, embedder, settings).reason
    (saved / PASSAGES_FILE).write_text(text.replace("134,902", "1,134,902"), encoding="utf-8")
    error = _load_error(saved, embedder, settings)
    assert "bytes" in error.reason and "manifest" in error.reason


@pytest.mark.parametrize("name", [PASSAGES_FILE, VECTORS_FILE, FIGURES_FILE])
def test_truncated_files_are_caught_on_open(
    saved: Path, embedder: HashingEmbedder, settings: Settings, name: str
) -> None:
    data = (saved / name).read_bytes()
    (saved / name).write_bytes(data[: len(data) - 40])
    error = _load_error(saved, embedder, settings)
    assert error.path == str(saved / name)
    assert f"{len(data) - 40} bytes" in error.reason and f"manifest says {len(data)}" in error.reason


def test_nan_or_zero_vectors_in_an_index_are_caught(
    saved: Path, embedder: HashingEmbedder, settings: Settings
) -> None:
    vectors = np.load(saved / VECTORS_FILE)
    for bad in (np.nan, 0.0):
        damaged = vectors.copy()
        damaged[1] = bad
        np.save(saved / VECTORS_FILE, damaged)  # same size: only the content changed
        error = _load_error(saved, embedder, settings)
        assert "NaN" in error.reason or "zero" in error.reason


def test_a_vector_changed_in_place_is_caught_on_open_by_its_length(
    saved: Path, embedder: HashingEmbedder, settings: Settings
) -> None:
    # found by the fuzz suite (tests/test_fuzz.py): a page of garbage over vectors.npy kept its size, so
    # only `index verify` caught it, and `search` answered from the damaged vectors with exit 0
    vectors = np.load(saved / VECTORS_FILE)
    damaged = vectors.copy()
    damaged[2] *= 1.5
    np.save(saved / VECTORS_FILE, damaged)  # same size: only the content changed
    error = _load_error(saved, embedder, settings)
    assert error.path == str(saved / VECTORS_FILE)
    assert "vector of length 1.5 where every saved vector has length 1 (row 2" in error.reason
    np.save(saved / VECTORS_FILE, vectors * (1 + 1e-5))  # float32 rounding is no damage
    EvidenceIndex.load(saved, embedder, settings)


class BrokenEmbedder(HashingEmbedder):
    """The hashing fake, but the second text comes back as `value` in every dimension."""

    def __init__(self, value: float) -> None:
        super().__init__()
        self.value = value

    def embed(self, texts: Sequence[str]) -> Vectors:
        vectors = super().embed(texts)
        if len(vectors) > 1:
            vectors[1] = self.value
        return vectors


@pytest.mark.parametrize("value", [np.nan, np.inf, 0.0])
def test_nan_or_zero_vectors_are_refused_at_build(
    docs: list[Document], settings: Settings, corpus_basic: Path, value: float
) -> None:
    with pytest.raises(IndexError_) as info:
        EvidenceIndex.build(docs, BrokenEmbedder(value), settings, corpus_basic)
    assert "vector" in info.value.reason and "#" in info.value.reason  # names the passage


def test_index_verify_checks_every_hash(saved: Path, embedder: HashingEmbedder, settings: Settings) -> None:
    report = verify_index(saved, embedder, settings)
    assert [f.name for f in report.files] == sorted([FIGURES_FILE, PASSAGES_FILE, VECTORS_FILE])
    # One byte of a vector changed, same size: opening does not re-read it, verifying does.
    data = bytearray((saved / VECTORS_FILE).read_bytes())
    data[-3] ^= 0x01
    (saved / VECTORS_FILE).write_bytes(bytes(data))
    EvidenceIndex.load(saved, embedder, settings)
    with pytest.raises(IndexError_) as info:
        verify_index(saved, embedder, settings)
    assert info.value.path == str(saved / VECTORS_FILE)
    assert "sha256" in info.value.reason
    assert "claimcheck index build" in (info.value.hint or "")


def test_a_half_written_figures_file_in_the_cache_is_rebuilt(
    corpus_basic: Path, embedder: HashingEmbedder, settings: Settings, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = open_index(settings, embedder, corpus_dir=corpus_basic, index_dir=None, cache_dir=cache)
    figures = cache / first.manifest.corpus_hash[:16] / FIGURES_FILE
    data = figures.read_bytes()
    figures.write_bytes(data[: len(data) // 2])  # a BadZipFile
    with pytest.warns(ClaimcheckWarning, match="rebuilt"):
        again = open_index(settings, embedder, corpus_dir=corpus_basic, index_dir=None, cache_dir=cache)
    assert again.search("Reality Labs loss 16,120", 3, mode="hybrid") == first.search(
        "Reality Labs loss 16,120", 3, mode="hybrid"
    )
    assert figures.read_bytes() == data


def test_a_figures_file_that_is_no_zip_reads_as_missing(tmp_path: Path) -> None:
    path = write_file(tmp_path, FIGURES_FILE, b"PK\x03\x04 not really a zip")
    assert index_storage._read_figures(path, 3) is None


# --------------------------------------------------------------------------------------------------
# crash safety


@dataclass
class Resave:
    """An index of the first two documents saved at `target`, and one of them all about to replace it."""

    target: Path
    old: EvidenceIndex
    new: EvidenceIndex
    embedder: HashingEmbedder
    settings: Settings

    def reload(self) -> EvidenceIndex:
        return EvidenceIndex.load(self.target, self.embedder, self.settings)


@pytest.fixture
def resave(
    docs: list[Document], embedder: HashingEmbedder, settings: Settings, corpus_basic: Path, tmp_path: Path
) -> Resave:
    old = EvidenceIndex.build(docs[:2], embedder, settings, corpus_basic)
    new = EvidenceIndex.build(docs, embedder, settings, corpus_basic)
    assert len(old.passages) < len(new.passages)
    old.save(tmp_path / "index")
    return Resave(tmp_path / "index", old, new, embedder, settings)


def test_crash_while_writing_keeps_the_previous_index(
    resave: Resave, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_written(path: Path, vectors: Vectors) -> None:
        path.write_bytes(b"\x93NUMPY partial")
        raise OSError("disk full")

    monkeypatch.setattr(index_storage, "_write_vectors", half_written)
    with pytest.raises(OSError, match="disk full"):
        resave.new.save(resave.target)

    assert resave.reload().passages == resave.old.passages
    assert _siblings(tmp_path) == ["index"]


def test_crash_between_renames_is_repaired_on_load(
    resave: Resave, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def power_cut(temp: Path, directory: Path) -> None:
        raise KeyboardInterrupt  # the old folder is already renamed away

    monkeypatch.setattr(fsutil, "_rename_into_place", power_cut)
    with pytest.raises(KeyboardInterrupt):
        resave.new.save(resave.target)
    assert not resave.target.exists()

    monkeypatch.undo()
    assert resave.reload().passages == resave.old.passages

    resave.new.save(resave.target)  # and a later save works normally, leaving no leftovers
    assert resave.reload().passages == resave.new.passages
    assert _siblings(tmp_path) == ["index"]


def test_after_a_crash_the_restored_index_is_hashed_in_full(
    resave: Resave, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def power_cut(temp: Path, directory: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fsutil, "_rename_into_place", power_cut)
    with pytest.raises(KeyboardInterrupt):
        resave.new.save(resave.target)
    monkeypatch.undo()
    (backup,) = tmp_path.glob(".index.old-*")
    data = bytearray((backup / VECTORS_FILE).read_bytes())
    data[-3] ^= 0x01  # the crash also damaged a byte (same size)
    (backup / VECTORS_FILE).write_bytes(bytes(data))
    with pytest.raises(IndexError_, match="sha256") as info:
        resave.reload()
    assert info.value.path == str(resave.target / VECTORS_FILE)


# --------------------------------------------------------------------------------------------------
# open_index and the cache


def test_open_index_builds_then_reuses_the_cache(
    corpus_basic: Path,
    embedder: HashingEmbedder,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "cache"
    first = open_index(settings, embedder, corpus_dir=corpus_basic, index_dir=None, cache_dir=cache)
    expected_dir = cache / first.manifest.corpus_hash[:16]
    assert (expected_dir / MANIFEST_FILE).is_file()

    def no_build(*args: object, **kwargs: object) -> EvidenceIndex:
        raise AssertionError("the cached index should have been reused")

    monkeypatch.setattr(EvidenceIndex, "build", no_build)
    again = open_index(settings, embedder, corpus_dir=corpus_basic, index_dir=None, cache_dir=cache)
    assert again.passages == first.passages
    assert open_index(
        settings, embedder, corpus_dir=None, index_dir=expected_dir, cache_dir=cache
    ).passages == (first.passages)


def test_open_index_rebuilds_when_stale(
    embedder: HashingEmbedder, settings: Settings, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "c", {"a.md": "# A\n\nFirst version.\n"})
    cache = tmp_path / "cache"
    first = open_index(settings, embedder, corpus_dir=corpus, index_dir=None, cache_dir=cache)
    (corpus / "a.md").write_text("# A\n\nSecond version.\n", encoding="utf-8")
    second = open_index(settings, embedder, corpus_dir=corpus, index_dir=None, cache_dir=cache)
    assert second.manifest.corpus_hash != first.manifest.corpus_hash
    assert second.passages[0].raw_text == "Second version."

    # Same corpus, other chunk size: the cached folder is rebuilt in place.
    small = Settings(chunk_max_tokens=50)
    third = open_index(small, embedder, corpus_dir=corpus, index_dir=None, cache_dir=cache)
    assert third.manifest.chunk_max_tokens == 50
    manifest = IndexManifest.model_validate_json(
        (cache / second.manifest.corpus_hash[:16] / MANIFEST_FILE).read_text(encoding="utf-8")
    )
    assert manifest.chunk_max_tokens == 50


def test_open_index_with_missing_index_dir_fails(
    embedder: HashingEmbedder, settings: Settings, tmp_path: Path
) -> None:
    with pytest.raises(IndexError_, match="index folder not found"):
        open_index(settings, embedder, corpus_dir=None, index_dir=tmp_path / "none", cache_dir=tmp_path)


# --------------------------------------------------------------------------------------------------
# BM25 and hybrid


def test_bm25_finds_exact_figures(built: EvidenceIndex) -> None:
    hits = built.search("67,317 employees", 3, mode="bm25")
    assert "67,317" in hits[0].passage.raw_text
    assert all(hit.bm25_score is not None and hit.bm25_score > 0 for hit in hits)
    assert all(hit.dense_score is None for hit in hits)
    assert built.search("zzzz qqqq", 3, mode="bm25") == []
    assert built.search("the of and", 3, mode="bm25") == []  # stopwords only


def test_a_corpus_without_a_single_word_searches_by_meaning_only(settings: Settings, tmp_path: Path) -> None:
    # found by the fuzz suite (tests/test_fuzz.py): bm25s raised "max() arg is an empty sequence" on an
    # empty vocabulary, so `search` and `run` over such a corpus were tracebacks
    corpus = write_corpus(tmp_path / "c", {"a.md": "¹ — ²\n", "the.txt": "… · …\n"})  # titles: stopwords
    index = index_corpus(corpus, settings=settings)
    assert index.search("revenue 2023", 3, mode="bm25") == []
    hybrid = index.search("revenue 2023", 3, mode="hybrid")
    dense = index.search("revenue 2023", 3, mode="dense")
    assert [h.passage.passage_id for h in hybrid] == [h.passage.passage_id for h in dense] != []
    assert all(h.bm25_score == 0.0 for h in hybrid)


def test_hybrid_fuses_both_rankings(built: EvidenceIndex) -> None:
    query = "Llama 3.1 405B context length"
    dense = _ids(built.search(query, 3, mode="dense"))
    lexical = _ids(built.search(query, 3, mode="bm25"))
    hybrid = built.search(query, 3, mode="hybrid")
    assert _ids(hybrid)[0] in set(dense) | set(lexical)
    assert _ids(hybrid)[0] == "llama-3.1-card#2"
    for hit in hybrid:
        assert hit.dense_score is not None and hit.bm25_score is not None
        assert 0 < hit.score <= 2 / (RRF_K + 1)
    keys = [(-hit.score, hit.passage.passage_id) for hit in hybrid]
    assert keys == sorted(keys)


# --------------------------------------------------------------------------------------------------
# incremental updates


def test_add_documents_embeds_only_new_content(
    docs: list[Document], settings: Settings, corpus_basic: Path, tmp_path: Path
) -> None:
    embedder = CountingEmbedder()
    index = EvidenceIndex.build(docs[:3], embedder, settings, corpus_basic)
    embedder.seen.clear()

    assert index.add_documents(docs[:3]) == 0
    assert embedder.seen == []

    added = index.add_documents(docs)
    new_ids = {doc.doc_id for doc in docs[3:]}
    assert added == len(embedder.seen) > 0
    assert {p.doc_id for p in index.passages[-added:]} == new_ids
    assert index.manifest.corpus_hash == corpus_hash(docs)
    assert index.manifest.n_passages == len(index.passages)

    full = EvidenceIndex.build(docs, HashingEmbedder(), settings, corpus_basic)
    assert sorted(p.passage_id for p in index.passages) == sorted(p.passage_id for p in full.passages)
    query = "open weights on your own hardware"
    assert _ids(index.search(query, 3)) == _ids(full.search(query, 3))

    index.save(tmp_path / "index")
    reloaded = EvidenceIndex.load(tmp_path / "index", embedder, settings)
    assert reloaded.passages == index.passages


def test_changed_document_replaces_its_passages(
    embedder: HashingEmbedder, settings: Settings, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "c", {"a.md": "# A\n\nOld wording.\n", "b.md": "# B\n\nOther.\n"})
    index = index_corpus(corpus, embedder, settings)
    (corpus / "a.md").write_text(
        "# A\n\nNew wording here.\n\n## More\n\nA second section.\n", encoding="utf-8"
    )
    docs = load_corpus(corpus)
    assert index.add_documents(docs) == 2
    assert [p.raw_text for p in index.passages if p.doc_id == "a.md"] == [
        "New wording here.",
        "A second section.",
    ]
    assert index.manifest.corpus_hash == corpus_hash(docs)
    assert _ids(index.search("new wording", 1)) == ["a.md#0"]


def test_remove_document(built: EvidenceIndex, docs: list[Document]) -> None:
    before = len(built.passages)
    removed = built.remove_document("llama-3.1-card")
    assert removed == 3
    assert len(built.passages) == before - removed
    assert all(p.doc_id != "llama-3.1-card" for p in built.passages)
    assert all(hit.passage.doc_id != "llama-3.1-card" for hit in built.search("Llama 3.1 405B", 20))
    assert built.manifest.corpus_hash == corpus_hash([d for d in docs if d.doc_id != "llama-3.1-card"])
    assert built.remove_document("llama-3.1-card") == 0


# --------------------------------------------------------------------------------------------------
# numbers, filters and breakdowns in search


class ConstantEmbedder:
    """Every text gets the same vector: dense search cannot tell passages apart."""

    name = "constant-8"
    dim = 8

    def embed(self, texts: Sequence[str]) -> Vectors:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        vectors[:, 0] = 1.0
        return vectors

    def count_tokens(self, text: str) -> int:
        return len(text.split())


SEGMENTS = (
    "# Segments\n\nReality Labs operating loss by year (in millions)\n\n"
    "| Year | Reality Labs operating loss |\n|---|---|\n| 2022 | 13,717 |\n| 2023 | 16,120 |\n"
)


def test_a_matching_figure_lifts_the_passage_that_holds_it(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"segments.md": SEGMENTS})
    index = index_corpus(corpus, ConstantEmbedder(), settings)
    older = next(p.passage_id for p in index.passages if "13,717" in p.raw_text)
    newer = next(p.passage_id for p in index.passages if "16,120" in p.raw_text)
    query = "Reality Labs lost $16.1 billion"
    # Neither the vectors nor the words tell the rows apart: the older row wins the tie by its id.
    dense = _ids(index.search(query, 3, mode="dense"))
    assert dense.index(older) < dense.index(newer)
    hits = index.search(query, 3, mode="hybrid")
    assert _ids(hits)[0] == newer
    flags = {hit.passage.passage_id: hit.figure_match for hit in hits}
    assert flags[newer] is True and flags[older] is False
    assert all(hit.dense_score == pytest.approx(1.0) for hit in hits)  # still the cosine
    assert _ids(index.search("a loss of about $13.7 billion", 1, mode="hybrid")) == [older]
    # Figures only count within the tolerance: $15 billion is 7% from 16,120 million.
    assert not any(
        hit.figure_match for hit in index.search("Reality Labs lost $15 billion", 3, mode="hybrid")
    )
    ((value, family),) = query_figures(query)
    assert value == pytest.approx(16.1e9) and family == 0
    assert query_figures("8 languages in 2024") == []


def test_figures_follow_adds_and_removals(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c", {"a.md": "# A\n\nRevenue was $134.9 billion.\n", "segments.md": SEGMENTS}
    )
    docs = load_corpus(corpus)
    index = EvidenceIndex.build(docs[:1], ConstantEmbedder(), settings, corpus)
    index.add_documents(docs)
    index.remove_document("a.md")
    index.add_documents(docs)
    fresh = EvidenceIndex.build(docs, ConstantEmbedder(), settings, corpus)
    for query in ["Reality Labs lost $16.1 billion", "revenue of $135 billion", "13,717"]:
        got = [(h.passage.passage_id, h.figure_match) for h in index.search(query, 5, mode="hybrid")]
        want = [(h.passage.passage_id, h.figure_match) for h in fresh.search(query, 5, mode="hybrid")]
        assert sorted(got) == sorted(want), query
    index.save(tmp_path / "index")
    reloaded = EvidenceIndex.load(tmp_path / "index", ConstantEmbedder(), settings)
    query = "Reality Labs lost $16.1 billion"
    assert reloaded.search(query, 3, mode="hybrid") == index.search(query, 3, mode="hybrid")


def test_filters_keep_only_admitted_passages(built: EvidenceIndex) -> None:
    cards = PassageFilter(kinds=frozenset({DocKind.MODEL_CARD}))
    for mode in ("dense", "bm25", "hybrid"):
        hits = built.search("Reality Labs loss 405B", 10, mode=mode, where=cards)
        assert hits and all(hit.passage.citation.kind is DocKind.MODEL_CARD for hit in hits), mode
    meta = built.search("loss", 10, where=PassageFilter(companies=frozenset({"meta platforms"})))
    assert meta and all(hit.passage.citation.company == "Meta Platforms, Inc." for hit in meta)
    fy = built.search("loss", 10, where=PassageFilter(periods=frozenset({"fy2023"})))
    assert fy and all(hit.passage.citation.period == "FY2023" for hit in fy)
    assert built.search("loss", 10, where=PassageFilter(doc_ids=frozenset({"nope"}))) == []
    assert built.search("loss", 3, where=PassageFilter()) == built.search("loss", 3)


def test_breakdowns_are_searchable_as_kind_breakdown(
    embedder: HashingEmbedder, settings: Settings, tmp_path: Path
) -> None:
    claim = make_claim("Quest sales doubled last year.", transcript_id="ep", quote="q")
    draft = make_draft(claim.id, label=Label.HYPE, rationale="Revenue fell.")
    verdict = make_verdict(claim, draft, keep_draft=False)
    breakdown = make_breakdown([verdict], slug="ep", title="Episode")
    corpus = write_corpus(tmp_path / "c", {"a.md": "# A\n\nUnrelated text about widgets.\n"})
    (corpus / "ep.json").write_text(breakdown.model_dump_json(), encoding="utf-8")
    index = index_corpus(corpus, embedder, settings)
    top = index.search("Quest sales doubled", 1, mode="hybrid")[0]
    assert top.passage.citation.kind is DocKind.BREAKDOWN
    assert "Verdict: Hype" in top.passage.raw_text
    assert index.stats().passages_by_kind == {"breakdown": 1, "other": 1}


# --------------------------------------------------------------------------------------------------
# vectors reused by content hash


def test_rebuild_embeds_only_changed_passages(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {"a.md": "# A\n\nAlpha stays.\n\n## Two\n\nBeta stays.\n", "b.md": "# B\n\nGamma old.\n"},
    )
    embedder = CountingEmbedder()
    first, embedded = build_index(load_corpus(corpus), embedder, settings, corpus, tmp_path / "index")
    assert embedded == len(first.passages) == 3
    (corpus / "b.md").write_text("# B\n\nGamma new.\n", encoding="utf-8")
    embedder.seen.clear()
    second, embedded = build_index(load_corpus(corpus), embedder, settings, corpus, tmp_path / "index")
    assert embedded == 1 and embedder.seen == ["B\nGamma new."]
    fresh = index_corpus(corpus, settings=settings)
    assert np.array_equal(second.vectors, fresh.vectors)
    assert EvidenceIndex.load(tmp_path / "index", embedder, settings).passages == fresh.passages
    # Another model's vectors are never reused.
    other = index_corpus(corpus, HashingEmbedder(dim=32), settings)
    embedder.seen.clear()
    index_corpus(corpus, embedder, settings, previous=other)
    assert len(embedder.seen) == 3
    assert embedding_key("m", "t") != embedding_key("n", "t")


def test_changed_document_keeps_vectors_of_unchanged_passages(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"a.md": "# A\n\nFirst part.\n\n## More\n\nSecond part.\n"})
    embedder = CountingEmbedder()
    index = index_corpus(corpus, embedder, settings)
    (corpus / "a.md").write_text("# A\n\nFirst part.\n\n## More\n\nSecond part, edited.\n", encoding="utf-8")
    embedder.seen.clear()
    assert index.add_documents(load_corpus(corpus)) == 1
    assert embedder.seen == ["A > More\nSecond part, edited."]


def test_open_index_reuses_vectors_from_the_previous_cache(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"a.md": "# A\n\nOne.\n", "b.md": "# B\n\nTwo.\n"})
    embedder = CountingEmbedder()
    cache = tmp_path / "cache"
    open_index(settings, embedder, corpus_dir=corpus, index_dir=None, cache_dir=cache)
    write_corpus(corpus, {"c.md": "# C\n\nThree.\n"})
    embedder.seen.clear()
    index = open_index(settings, embedder, corpus_dir=corpus, index_dir=None, cache_dir=cache)
    assert embedder.seen == ["C\nThree."]
    assert len(index.passages) == 3 and len(_siblings(cache)) == 2


# --------------------------------------------------------------------------------------------------
# approximate search above the threshold


class TableEmbedder:
    """Queries named "q<n>" get the n-th of a fixed set of vectors."""

    name = "table-32"
    dim = 32

    def __init__(self, queries: Vectors) -> None:
        self.queries = queries

    def embed(self, texts: Sequence[str]) -> Vectors:
        return np.stack([self.queries[int(text[1:])] for text in texts])

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def _random_passages(n: int) -> list[Passage]:
    citation = Citation(title="random")
    return [
        make_passage(f"row {i}", passage_id=f"r{i:05d}", doc_id=f"d{i // 10}", end=5, citation=citation)
        for i in range(n)
    ]


def test_large_indexes_search_approximately_with_good_recall(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = 4000
    vectors = normalise_rows(rng.standard_normal((n, 32)).astype(np.float32))
    queries = normalise_rows(rng.standard_normal((60, 32)).astype(np.float32))
    embedder = TableEmbedder(queries)
    settings = Settings(ann_threshold=1000)
    index = EvidenceIndex.from_vectors(_random_passages(n), vectors, embedder, settings, corpus_dir=tmp_path)
    assert index.is_approximate and index.manifest.ann == f"ivf-flat nlist={ivf_lists(n)}"
    names = [f"q{i}" for i in range(len(queries))]
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    found = index.search_many(names, 10)
    recall = np.mean(
        [
            len({int(h.passage.passage_id[1:]) for h in hits} & set(row.tolist())) / 10
            for hits, row in zip(found, exact, strict=True)
        ]
    )
    # Random vectors are the hardest case (no clusters); 32 of 102 lists probed still find most.
    assert recall >= 0.8
    # Scores are still exact cosines, whatever the index.
    for hits, q in zip(found[:5], queries[:5], strict=True):
        for hit in hits:
            assert hit.score == pytest.approx(float(vectors[int(hit.passage.passage_id[1:])] @ q), abs=1e-5)

    index.save(tmp_path / "index")
    assert (tmp_path / "index" / ANN_FILE).is_file()
    loaded = EvidenceIndex.load(tmp_path / "index", embedder, settings)
    assert loaded.is_approximate and loaded.search_many(names, 10) == found
    # Below the threshold the same folder loads as an exact index.
    exact_index = EvidenceIndex.load(tmp_path / "index", embedder, Settings())
    assert not exact_index.is_approximate
    assert [int(h.passage.passage_id[1:]) for h in exact_index.search("q0", 10)] == exact[0].tolist()

    # Removing documents refills the trained index; small enough, it becomes exact again.
    assert loaded.remove_document("d0") == 10
    assert loaded.is_approximate and len(loaded.passages) == n - 10
    assert all(h.passage.doc_id != "d0" for h in loaded.search("q1", 10))


# --------------------------------------------------------------------------------------------------
# the real model


@pytest.fixture(scope="module")
def minilm() -> Iterator[MiniLMEmbedder]:
    yield MiniLMEmbedder()


@pytest.mark.slow
def test_minilm_ranks_the_reality_labs_passage_first(minilm: MiniLMEmbedder, fixtures: Path) -> None:
    corpus = fixtures / "corpus_basic"
    docs = load_corpus(corpus)
    index = EvidenceIndex.build(docs, minilm, Settings(), corpus)
    vectors = minilm.embed(["a", "b c"])
    assert vectors.shape == (2, minilm.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)

    query = "How much money did Meta's Reality Labs division lose in 2023?"
    for mode in ("dense", "hybrid"):
        top = index.search(query, 3, mode=mode)[0]
        assert top.passage.doc_id == "meta/meta_10k_fy2023.md"
        assert "$16.12 billion" in top.passage.raw_text, mode
    assert index.search(query, 1)[0].score > Settings().min_relevance
    unrelated = index.search("recipe for sourdough bread", 1)[0]
    assert unrelated.score < index.search(query, 1)[0].score


def test_channel_heads_keep_each_methods_best_passage(built: EvidenceIndex) -> None:
    """`channel_heads`: the first passages of the dense and BM25 rankings stay among the k hits even where
    the fusion would rank them lower; without it the hits are the fused order alone."""
    query = "Llama 3.1 405B context length"
    k = 1
    fused = _ids(built.search_many([query], k, mode="hybrid")[0])
    heads = _ids(built.search_many([query], k + 2, mode="hybrid", channel_heads=1)[0])
    dense_best = _ids(built.search(query, 1, mode="dense"))[0]
    bm25_best = _ids(built.search(query, 1, mode="bm25"))[0]
    assert dense_best in heads and bm25_best in heads
    assert heads[0] == fused[0]
    assert len(heads) == k + 2 and len(set(heads)) == len(heads)
    # with room for only one passage, a channel head not ranked first by the fusion takes the last place
    tight = _ids(built.search_many([query], 1, mode="hybrid", channel_heads=1)[0])
    assert len(tight) == 1 and tight[0] in {fused[0], dense_best, bm25_best}
