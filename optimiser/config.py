"""Scenario YAML -> validated Scenario: safe_load only, `extends` chains, errors as file + YAML path.

Configuration files are data: they are parsed with `yaml.safe_load` (no tags that build objects) and
their expressions are parsed into a restricted syntax tree, never evaluated as Python.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem
from .expressions import ExpressionError, parse_expression
from .messages import number, say, validation_text
from .models import Scenario
from .rules import resolve_group_bounds
from .territory import Territory, load_territory

MAX_FILE_BYTES = 1_000_000
MAX_EXTENDS_DEPTH = 20
MAX_NODES = 100_000
MAX_DEPTH = 40
_DEEP_FLOW = re.compile(rf"(?:[\[{{]\s*){{{MAX_DEPTH + 1}}}")


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    territory: Territory
    path: Path
    files: tuple[Path, ...]      # this file first, then what it extends
    resolved: dict[str, Any]     # the merged data, `extends` done, territory path relative to this file
    sha256: str                  # of `resolved` as canonical JSON
    territory_file: Path | None = None  # the territory file read, when not a shipped territory
    origins: dict[tuple, Path] = field(default_factory=dict, repr=False)  # YAML path -> the file that set it

    @property
    def label(self) -> str:
        return self.path.stem

    def where(self, loc: tuple) -> str:
        """`file.yaml: yaml.path` for a place in the merged scenario, naming the file that wrote it."""
        return _where(loc, self.origins, self.path)


def load_scenario(path: str | Path) -> LoadedScenario:
    """Read, merge (`extends`), validate and resolve a scenario file; every problem is an InputError."""
    path = Path(path)
    data, origins, files = _read_chain(path, ())
    name = path.name
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(error, origins, path) for error in exc.errors()]
        count = number(len(problems))
        title = (say("scn_invalid_many", name=name, count=count) if len(problems) > 1
                 else say("scn_invalid_one", name=name, count=count))
        raise InputError(title, problems) from None
    _check_expressions(scenario, name, lambda loc: _where(loc, origins, path))
    territory_file = (Path(scenario.territory) if scenario.territory and is_territory_path(scenario.territory)
                      else None)
    territory = load_territory(territory_file or scenario.territory)
    try:
        resolve_group_bounds(scenario, territory)
    except InputError as exc:
        raise InputError(say("scn_in_file", name=name, title=exc.title),
                         [Problem(f"{name}: {p.where}", p.message) for p in exc.problems]) from None
    resolved = {k: v for k, v in data.items() if k != "extends"}
    if isinstance(resolved.get("territory"), str) and Path(resolved["territory"]).is_absolute():
        resolved["territory"] = os.path.relpath(resolved["territory"], path.parent.resolve())
    canonical = json.dumps(resolved, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return LoadedScenario(scenario, territory, path, files, resolved, hashlib.sha256(canonical).hexdigest(),
                          territory_file, origins)


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(say("scn_not_found", path=path))
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(say("scn_too_large", name=path.name, size=number(len(raw)), max=number(MAX_FILE_BYTES)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(say("scn_not_utf8", name=path.name)) from None
    if _DEEP_FLOW.search(text):  # PyYAML's pure-Python scanner would spend seconds before the depth check
        raise InputError(say("scn_too_deep", name=path.name, depth=MAX_DEPTH))
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader: builds no object
    except RecursionError:
        raise InputError(say("scn_recursion", name=path.name)) from None
    except ValueError as exc:  # e.g. an integer beyond Python's digit limit
        raise InputError(say("scn_bad_yaml", name=path.name, problem=exc)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = _yaml_problem(getattr(exc, "problem", None) or str(exc))
        if mark:
            raise InputError(say("scn_bad_yaml_at", name=path.name, line=mark.line + 1, column=mark.column + 1,
                                 problem=problem)) from None
        raise InputError(say("scn_bad_yaml", name=path.name, problem=problem)) from None
    if data is None:
        raise InputError(say("scn_empty", name=path.name))
    _check_expansion(data, path.name)
    if not isinstance(data, dict):
        raise InputError(say("scn_not_mapping", name=path.name, type=type(data).__name__))
    extends = data.get("extends")
    if isinstance(extends, str) and extends.strip():  # always a file, relative to the one that names it
        data["extends"] = str((path.parent / extends).resolve())
    territory = data.get("territory")
    if isinstance(territory, str) and is_territory_path(territory):
        data["territory"] = str((path.parent / territory).resolve())
    return data


_STREAM_END = "'<stream end>'"
_YAML_PROBLEMS: tuple[tuple[re.Pattern, Callable[..., str]], ...] = (  # PyYAML's problems that typing produces
    (re.compile(r"expected ',' or '\]', but got (?P<found>.+)"), lambda found: say("scn_yaml_flow_list", found=found)),
    (re.compile(r"expected ',' or '\}', but got (?P<found>.+)"), lambda found: say("scn_yaml_flow_map", found=found)),
    (re.compile(r"expected <block end>, but found (?P<found>.+)"),
     lambda found: say("scn_yaml_block_end", found=found)),
    (re.compile(r"expected the node content, but found (?P<found>.+)"),
     lambda found: say("scn_yaml_node", found=found)),
    (re.compile(r"mapping values are not allowed here"), lambda: say("scn_yaml_mapping_values")),
    (re.compile(r"sequence entries are not allowed here"), lambda: say("scn_yaml_sequence_entries")),
    (re.compile(r"mapping keys are not allowed here"), lambda: say("scn_yaml_mapping_keys")),
    (re.compile(r"found character (?P<char>.+) that cannot start any token"),
     lambda char: say("scn_yaml_character", char=char)),
    (re.compile(r"could not find expected ':'"), lambda: say("scn_yaml_colon")),
    (re.compile(r"found undefined alias (?P<alias>.+)"), lambda alias: say("scn_yaml_alias", alias=alias)),
    (re.compile(r"found unexpected end of stream"), lambda: say("scn_yaml_stream")),
    (re.compile(r"found unexpected document separator"), lambda: say("scn_yaml_separator")),
    (re.compile(r"found unknown escape character (?P<char>.+)"), lambda char: say("scn_yaml_escape", char=char)),
    (re.compile(r"could not determine a constructor for the tag (?P<tag>.+)"),
     lambda tag: say("scn_yaml_tag", tag=tag)),
    (re.compile(r"second occurrence"), lambda: say("scn_yaml_anchor")),
    (re.compile(r"but found another document"), lambda: say("scn_yaml_document")),
)


def _yaml_problem(problem: str) -> str:
    """PyYAML's problem in the current language (its own English text when it is not one of these)."""
    for pattern, word in _YAML_PROBLEMS:
        match = pattern.fullmatch(problem)
        if match:
            values = match.groupdict()
            if values.get("found") == _STREAM_END:
                values["found"] = say("scn_yaml_stream_end")
            return word(**values)
    return problem


def is_territory_path(reference: str) -> bool:
    """A `territory:` value names a file (relative to the scenario that writes it) when it has an
    extension or a folder in it, whatever their case; otherwise it is the name of a shipped territory."""
    return bool(Path(reference).suffix) or "/" in reference or "\\" in reference


class _UniqueKeyLoader(yaml.SafeLoader):
    """yaml.SafeLoader that refuses a key written twice in one mapping (YAML says keys are unique;
    PyYAML would silently keep the last value)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        self.flatten_mapping(node)  # `<<: *anchor` merge keys first, as SafeLoader does
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the base class reports it
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, say("scn_key_twice", word=repr(key)), key_node.start_mark)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """Only decimal integers: YAML 1.1 reads 0x61A80 as hexadecimal, 0012 as octal 10, 6:40:00 in base 60."""
        text = str(node.value).replace("_", "").lstrip("+-")
        if text.startswith(("0x", "0o", "0b")) or ":" in text or (len(text) > 1 and text.startswith("0")):
            raise yaml.constructor.ConstructorError(
                None, None, say("scn_not_decimal", value=node.value), node.start_mark)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        if ":" in str(node.value):
            raise yaml.constructor.ConstructorError(
                None, None, say("scn_base60", value=node.value), node.start_mark)
        return super().construct_yaml_float(node)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _UniqueKeyLoader.construct_yaml_int)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:float", _UniqueKeyLoader.construct_yaml_float)


def _check_expansion(data: Any, name: str) -> None:
    """Refuse YAML whose anchors and aliases expand to a huge tree ("billion laughs"), or that nests deeply.

    safe_load shares aliased nodes, so loading is cheap; everything after it (merging, validation,
    hashing) walks the expanded tree, which is what is counted here, without expanding it.
    """
    budget = MAX_NODES
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise InputError(say("scn_expands", name=name, max=number(MAX_NODES)))
        if depth > MAX_DEPTH:
            raise InputError(say("scn_too_deep", name=name, depth=MAX_DEPTH))
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
            stack.extend((k, depth + 1) for k in node.keys() if not isinstance(k, (str, int, float, bool)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(say("scn_bad_unicode", name=name, text=repr(node[:40]))) from None


def _read_chain(path: Path, seen: tuple[Path, ...]) -> tuple[dict, dict[tuple, Path], tuple[Path, ...]]:
    """This file merged over what it extends; `origins` maps each YAML path to the file that set it."""
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(p.name for p in (*seen, resolved))
        raise InputError(say("scn_extends_cycle", chain=chain))
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise InputError(say("scn_extends_deep", max=MAX_EXTENDS_DEPTH, name=path.name))
    data = _read(path)
    own = {loc: path for loc in _paths(data)}
    parent = data.get("extends")
    if parent is None:
        return data, own, (path,)
    if not isinstance(parent, str) or not parent.strip():
        raise InputError(say("scn_extends_value", name=path.name, value=repr(parent)))
    parent_path = Path(parent)
    if not parent_path.is_file():
        raise InputError(say("scn_extends_missing", name=path.name, path=parent_path))
    base, origins, files = _read_chain(parent_path, (*seen, resolved))
    merged = _merge(base, data)
    merged["extends"] = parent
    return merged, {**origins, **own}, (path, *files)


def _merge(base: Any, override: Any) -> Any:
    """Mappings merge key by key (null removes a key the parent has); anything else replaces."""
    if not isinstance(base, dict) or not isinstance(override, dict):
        return override
    merged = dict(base)
    for key, value in override.items():
        if value is None and key in base:
            merged.pop(key)
        else:
            merged[key] = _merge(base.get(key), value)
    return merged


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, (*prefix, i))
    return out


def yaml_path(loc: tuple) -> str:
    parts = []
    for item in loc:
        if item == "[key]":
            parts.append(say("scn_path_key"))
        elif isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            text = item if isinstance(item, str) else str(item)
            safe = text.replace("_", "").isalnum()
            parts.append(("." if parts else "") + (text if safe else repr(text)))
    return "".join(parts) or say("scn_path_top")


def _where(loc: tuple, origins: dict[tuple, Path], path: Path) -> str:
    """`file.yaml: yaml.path`, naming the file of the `extends` chain that wrote the key."""
    source = next((origins[loc[:k]] for k in range(len(loc), 0, -1) if loc[:k] in origins), path)
    return f"{source.name}: {yaml_path(loc)}"


def _problem(error: dict, origins: dict[tuple, Path], path: Path) -> Problem:
    loc = tuple(error["loc"])
    loc = tuple(item for item in loc if not (isinstance(item, str) and item.startswith("function-")))
    where = _where(loc, origins, path)
    kind = error["type"]
    if kind in ("extra_forbidden", "invalid_key"):
        allowed = _allowed_keys(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = say("scn_did_you_mean", word=close[0]) if close else ""
        if isinstance(loc[-1], (int, float)) and not isinstance(loc[-1], bool):
            hint += say("scn_number_key", braces="{ }")
        return Problem(where, say("scn_unknown_key", word=loc[-1], hint=hint, allowed=", ".join(allowed)))
    if kind == "missing":
        return Problem(where, say("scn_required"))
    message = validation_text(error)
    if kind == "list_type":
        message += say("scn_list_hint")
    if kind in ("literal_error", "enum") and isinstance(error.get("input"), bool):
        message += say("scn_bool_word")
    if "input" in error and kind not in ("model_type", "dict_type", "list_type", "value_error") \
            and not isinstance(error["input"], (dict, list)):
        message += say("scn_got", value=repr(error["input"]))
    return Problem(where, message)


def _allowed_keys(loc: tuple) -> list[str]:
    """The keys a model accepts at a YAML path, for did-you-mean hints."""
    current: Any = Scenario
    for item in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(item))
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (dict, list, tuple):
            args = typing.get_args(current)
            current = args[-1] if args else Any
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _check_expressions(scenario: Scenario, name: str, where: Callable[[tuple], str]) -> None:
    """Every expression parses, and reads at least one column: a constant one is the same for every
    candidate (a rule `1 == 0` would exclude them all), which is never what was meant."""
    problems = []
    for pillar_name, pillar in scenario.scoring.pillars.items():
        for criterion_name, criterion in pillar.criteria.items():
            if criterion.expression is not None:
                loc = ("scoring", "pillars", pillar_name, "criteria", criterion_name, "expression")
                try:
                    parsed = parse_expression(criterion.expression)
                except ExpressionError as exc:
                    problems.append(Problem(where(loc), str(exc)))
                    continue
                if not parsed.columns:
                    problems.append(Problem(where(loc), say("scn_criterion_constant",
                                                        expression=repr(criterion.expression))))
    for k, rule in enumerate(scenario.eligibility.rules):
        try:
            parsed = parse_expression(rule, condition=True)
        except ExpressionError as exc:
            problems.append(Problem(where(("eligibility", "rules", k)), str(exc)))
            continue
        if not parsed.columns:
            verdict = parsed.evaluate({}, rows=1)[0]
            text = (say("scn_rule_always_true", rule=repr(rule)) if verdict == 1
                    else say("scn_rule_always_false", rule=repr(rule)))
            problems.append(Problem(where(("eligibility", "rules", k)), text))
    if problems:
        raise InputError(say("scn_expressions_refused", name=name), problems)
