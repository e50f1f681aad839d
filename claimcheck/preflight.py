"""Checks that the folders a command names are usable, run before any model loads.

Loading the models takes seconds to tens of seconds (spaCy, MiniLM, the verifier); a typo in `--index` or
`--nli-model` must not cost that. Each check reads only what it must (a folder's existence, a manifest, a
config.json) and raises the error the later load would have raised, with the same hint. Transcripts,
claims, pairs and queries files are read in full before any model loads by their commands themselves.
"""

from __future__ import annotations

import glob
from pathlib import Path

from claimcheck.errors import ClaimcheckError, CorpusError, IndexError_
from claimcheck.index.manifest import MANIFEST_FILE, read_manifest, rebuild_hint
from claimcheck.settings import Settings

# The name of the copy an interrupted index save leaves beside the folder, which loading puts back
# (`claimcheck.index.storage`): ".<name>.old-<suffix>".
_INDEX_BACKUP = ".{name}.old-*"


def check_out_dir(out_dir: Path) -> None:
    """The output folder is a folder, or does not exist yet (it is created)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ClaimcheckError("output path is a file, not a folder", path=out_dir, hint="give --out a folder")


def check_corpus_dir(corpus_dir: Path) -> None:
    """The corpus folder exists and is a folder (its files are read when it is indexed)."""
    if not corpus_dir.exists():
        raise CorpusError(
            "corpus folder not found", path=corpus_dir, hint="pass a folder of .md, .txt or .jsonl files"
        )
    if not corpus_dir.is_dir():
        raise CorpusError(
            "corpus path is not a folder", path=corpus_dir, hint="pass the folder that holds it"
        )


def check_index_dir(index_dir: Path) -> None:
    """The index folder holds a readable manifest of this index format (or a save of it that loading puts
    back)."""
    if not index_dir.exists():
        pattern = _INDEX_BACKUP.format(name=glob.escape(index_dir.name))
        if any(index_dir.parent.glob(pattern)):
            return  # an interrupted save: loading recovers it
        raise IndexError_("index folder not found", path=index_dir, hint=rebuild_hint(index_dir))
    if not index_dir.is_dir():
        raise IndexError_("index path is not a folder", path=index_dir, hint=rebuild_hint(index_dir))
    read_manifest(index_dir / MANIFEST_FILE, index_dir)


def check_nli_model(folder: Path) -> None:
    """`--nli-model` names a folder with the shipped verifier's files or a cross-encoder's config.json
    whose labels are NLI labels."""
    from claimcheck.verify.stance import MODEL_FILE, read_label_order

    if not folder.is_dir():
        raise ClaimcheckError("NLI model folder not found", path=folder, hint="--nli-model takes a folder")
    if not (folder / MODEL_FILE).is_file():
        read_label_order(folder)  # a cross-encoder: its config.json must name NLI labels


def check_engine_paths(settings: Settings, *, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Everything `Engine.load` will read, checked first: the output folder, the index or the corpus
    folder (by default the settings' corpus), and the NLI model folder when one is named."""
    check_out_dir(settings.out_dir)
    if index_dir is not None:
        check_index_dir(index_dir)
    else:
        check_corpus_dir(corpus_dir if corpus_dir is not None else settings.corpus_dir)
    if settings.nli_model is not None:
        check_nli_model(settings.nli_model)
