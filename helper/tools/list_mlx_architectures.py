"""Prints, as JSON, which `model_type`s the installed mlx-lm can load.

    helper/.venv/bin/python helper/tools/list_mlx_architectures.py

mlx-lm picks a model's module by name: `mlx_lm.models.<model_type>`, after its `MODEL_REMAPPING`
(and `MODEL_ARCHITECTURE_REMAPPING`, keyed by model_type and class name). A module is an
architecture when it defines (or imports) `Model` and `ModelArgs`; the others (`cache`,
`rope_utils`, …) are shared parts. Sources are read with `ast`, not imported: no model code runs.
`npm run gen:architectures` writes the result to `src/core/store/mlx-architectures.json`;
a jest test compares the two.
"""

import ast
import json
from importlib import metadata
from pathlib import Path

import mlx_lm
import mlx_lm.utils


def top_level_names(tree: ast.Module) -> set[str]:
    """Classes defined and names imported or assigned at a module's top (`from .x import Model`)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return names


def architectures(models_dir: Path) -> list[str]:
    names = []
    for source in models_dir.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        if {"Model", "ModelArgs"} <= top_level_names(tree):
            names.append(source.stem)
    return sorted(names)


def main():
    models_dir = Path(mlx_lm.__file__).parent / "models"
    result = {
        "mlxLmVersion": metadata.version("mlx-lm"),
        "modelTypes": architectures(models_dir),
        "remapping": dict(sorted(mlx_lm.utils.MODEL_REMAPPING.items())),
        "architectureRemapping": sorted(
            [model_type, architecture, target]
            for (model_type, architecture), target in getattr(
                mlx_lm.utils, "MODEL_ARCHITECTURE_REMAPPING", {}
            ).items()
        ),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
