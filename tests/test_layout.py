"""The package's shape: no module reaches into another's private names,
subpackages import nothing on their own, and the module commands work."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import framelens

PACKAGE = Path(framelens.__file__).resolve().parent
SUBPACKAGES = ("io", "text", "scores", "analysis", "report", "validation")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(source: str, own: str) -> list[str]:
    """Private names of *other* framelens modules that module ``own`` (its ``source``) uses.

    Catches ``from framelens.x import _name``, ``from framelens import _name``
    and ``module._name`` where ``module`` was imported from framelens (under
    any alias, including ``import framelens.x as m`` and
    ``from framelens.x import y as m``).
    """
    tree = ast.parse(source)
    found = []
    modules: dict[str, str] = {}  # local name -> framelens module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and (
            node.module == "framelens" or node.module.startswith("framelens.")
        ):
            for alias in node.names:
                if _is_private(alias.name) and node.module != own:
                    found.append(f"line {node.lineno}: from {node.module} import {alias.name}")
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "framelens" or alias.name.startswith("framelens."):
                    if alias.asname:
                        modules[alias.asname] = alias.name
                    else:
                        modules[alias.name.split(".")[0]] = alias.name.split(".")[0]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and _is_private(node.attr)):
            continue
        base = node.value
        chain = []
        while isinstance(base, ast.Attribute):
            chain.append(base.attr)
            base = base.value
        if isinstance(base, ast.Name) and base.id in modules:
            target = ".".join([modules[base.id], *reversed(chain)])
            if target != own:
                found.append(f"line {node.lineno}: {target}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    problems = {
        str(path.relative_to(PACKAGE)): uses
        for path in _modules()
        if (uses := private_uses(path.read_text(encoding="utf-8"), _module_name(path)))
    }
    assert not problems, f"private names used across modules: {problems}"


def test_the_check_catches_each_form():
    own = "framelens.scores.example"
    samples = {
        "from framelens.text.lexicon import _coerce\n": "from framelens.text.lexicon import _coerce",
        "from framelens.analysis import aspects\naspects._resolve(None)\n": "framelens.analysis.aspects._resolve",
        "import framelens.io.corpus as c\nc._resolved(p)\n": "framelens.io.corpus._resolved",
        "import framelens.io.corpus\nframelens.io.corpus._resolved(p)\n": "framelens.io.corpus._resolved",
        "import framelens\nframelens._EXPORTS\n": "framelens._EXPORTS",
    }
    for source, expected in samples.items():
        uses = private_uses(source, own)
        assert len(uses) == 1 and expected in uses[0], (source, uses)
    allowed = [
        "from framelens.scores import hype as _hype\n_hype.score(x)\n",  # private alias, public name
        "from framelens.scores.example import _own\n",  # its own module
        "import framelens\nframelens.__version__\n",  # dunder names are not private
    ]
    for source in allowed:
        assert private_uses(source, own) == [], source


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_subpackage_init_files_import_nothing(name):
    tree = ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert imports == [], f"framelens/{name}/__init__.py imports {[ast.unparse(n) for n in imports]}"


def test_import_framelens_loads_no_heavy_module():
    code = (
        "import sys, framelens; "
        "heavy = [m for m in ('pandas', 'numpy', 'sklearn', 'scipy', 'vaderSentiment', 'matplotlib') "
        "if m in sys.modules]; "
        "mine = sorted(m for m in sys.modules if m.startswith('framelens')); print(heavy, mine)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ}).stdout.strip()
    assert out == "[] ['framelens']"


def test_every_public_name_resolves_to_the_module_that_defines_it():
    for name, module in framelens._EXPORTS.items():
        value = getattr(framelens, name)
        assert getattr(value, "__module__", module) == module, name


@pytest.mark.parametrize(
    ("module", "usage"),
    [
        ("framelens", "usage: framelens"),
        ("framelens.validation", "usage: python -m framelens.validation "),
        ("framelens.validation.claims", "usage: python -m framelens.validation.claims "),
        ("framelens.validation.hnr", "usage: python -m framelens.validation.hnr "),
    ],
)
def test_the_module_commands_readme_names_run(module, usage):
    result = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True,
                            env={**os.environ})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(usage)


#: Layers, lowest first: a module may import from its own layer and those
#: before it, never from a later one (ARCHITECTURE.md draws them in this order).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("text",),
    ("io",),
    ("scores",),
    ("analysis",),
    ("report", "validation"),
    ("cli", "__main__"),
)


def _layer(part: str) -> int:
    for i, names in enumerate(LAYERS):
        if part in names:
            return i
    raise AssertionError(f"framelens.{part} is in no layer: move it into a subpackage or add it to LAYERS")


def imported_parts(source: str) -> set[str]:
    """First component below ``framelens`` of every framelens module ``source`` imports."""
    parts = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("framelens"):
            names = node.module.split(".")[1:2] or [a.name for a in node.names]
            parts.update(names)
        elif isinstance(node, ast.Import):
            parts.update(a.name.split(".")[1] for a in node.names if a.name.startswith("framelens."))
    return parts - {"__version__"}


def test_subpackages_import_only_from_the_layers_below():
    problems = []
    for path in _modules():
        part = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if part == "__init__":
            continue  # the lazy public API names every layer
        for other in imported_parts(path.read_text(encoding="utf-8")):
            if _layer(other) > _layer(part):
                problems.append(f"{path.relative_to(PACKAGE)} imports framelens.{other}")
    assert not problems, problems


def test_the_layer_check_reads_every_import_form():
    source = (
        "from framelens.scores.scoring import score_frame\n"
        "from framelens import errors\n"
        "import framelens.report.build\n"
        "def f():\n    from framelens.analysis import compare\n"
        "from framelens import __version__\n"
    )
    assert imported_parts(source) == {"scores", "errors", "report", "analysis"}
    assert _layer("text") < _layer("io") < _layer("scores") < _layer("analysis") < _layer("report")
