"""Trained model archives: a plain directory of parts, packed as ``models/<time>.tar.gz``.

    manifest.json   our version, archive format, fingerprints of each part, component list
    domain.json     the domain the model was trained with
    nlu/<i>_<name>/ one folder per pipeline component (its options.json beside its weights)
    core/<i>_<name>/ one folder per policy

A part whose fingerprint (its config plus the data it learns from) is unchanged is copied from
the previous archive instead of being trained again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.domain_json import domain_from_dict, domain_to_dict, to_jsonable
from assistant.errors import ModelLoadError
from assistant.policies import PolicyEnsemble
from assistant.registry import NLU_COMPONENTS, POLICIES, ResolvedComponent, load
from assistant.shared.domain import Domain
from assistant.shared.training_data import SourceLocation
from nlu import Interpreter

FORMAT_VERSION = 1
MANIFEST = "manifest.json"


def _without_timestamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_timestamps(v) for k, v in value.items() if k != "timestamp"}
    if isinstance(value, list):
        return [_without_timestamps(v) for v in value]
    return value


def fingerprint(*parts: Any) -> str:
    """A short hash of what a part learns from (event timestamps are not content)."""
    data = _without_timestamps(to_jsonable(list(parts)))
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def component_entries(items: list[ResolvedComponent], prefix: str) -> list[dict[str, Any]]:
    return [
        {
            "name": item.name,
            "options": item.options,
            "dir": f"{prefix}/{i}_{item.name.split('.')[-1]}",
        }
        for i, item in enumerate(items)
    ]


def latest_model(path: Path) -> Path | None:
    """``path`` itself if it is an archive, else the newest ``*.tar.gz`` in it."""
    if path.is_file():
        return path
    archives = sorted(path.glob("*.tar.gz"), key=lambda p: (p.stat().st_mtime, p.name))
    return archives[-1] if archives else None


def pack(directory: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = out_dir / f"{stamp}.tar.gz"
    n = 1
    while target.exists():
        target = out_dir / f"{stamp}-{n}.tar.gz"
        n += 1
    with tarfile.open(target, "w:gz") as tar:
        for item in sorted(directory.iterdir()):
            tar.add(item, arcname=item.name)
    return target


def unpack(archive: Path) -> Path:
    if archive.is_dir():
        return archive
    target = Path(tempfile.mkdtemp(prefix="assistant-model-"))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(target, filter="data")
    except (tarfile.TarError, OSError, EOFError) as err:
        shutil.rmtree(target, ignore_errors=True)
        raise ModelLoadError(f"{archive}: not a readable model archive ({err})") from err
    return target


def read_manifest(directory: Path, archive: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text())
    except (OSError, json.JSONDecodeError) as err:
        raise ModelLoadError(f"{archive}: no readable {MANIFEST} ({err})") from err
    if manifest.get("format") != FORMAT_VERSION:
        raise ModelLoadError(
            f"{archive}: archive format {manifest.get('format')} was written by version "
            f"{manifest.get('version')}; this is {__version__} (format {FORMAT_VERSION}). "
            "Train the model again with `assistant train`."
        )
    return manifest


@dataclass
class LoadedModel:
    path: Path
    manifest: dict[str, Any]
    domain: Domain
    interpreter: Interpreter | None
    ensemble: PolicyEnsemble

    @property
    def language(self) -> str:
        return str(self.manifest.get("language", "en"))


def _items(entries: list[dict[str, Any]]) -> list[tuple[ResolvedComponent, str]]:
    return [
        (ResolvedComponent(e["name"], e.get("options", {}), SourceLocation(MANIFEST)), e["dir"])
        for e in entries
    ]


def load_model(path: Path) -> LoadedModel:
    """Load an archive (or the newest archive in a folder) with every part ready to serve."""
    archive = latest_model(path)
    if archive is None:
        raise ModelLoadError(f"{path}: no trained model found; run `assistant train` first")
    directory = unpack(archive)
    manifest = read_manifest(directory, archive)
    try:
        domain = domain_from_dict(json.loads((directory / "domain.json").read_text()))
        nlu_entries = manifest.get("pipeline") or []
        interpreter = None
        if manifest.get("fingerprint", {}).get("nlu"):
            interpreter = Interpreter(
                [load(item, NLU_COMPONENTS, directory / sub) for item, sub in _items(nlu_entries)]
            )
        policies = [
            load(item, POLICIES, directory / sub)
            for item, sub in _items(manifest.get("policies") or [])
        ]
    except ModelLoadError:
        raise
    except Exception as err:
        raise ModelLoadError(f"{archive}: a part could not be loaded: {err}") from err
    return LoadedModel(archive, manifest, domain, interpreter, PolicyEnsemble(policies))


def save_domain(domain: Domain, directory: Path) -> None:
    (directory / "domain.json").write_text(json.dumps(domain_to_dict(domain), ensure_ascii=False))
