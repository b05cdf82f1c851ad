"""The SAP-C02 exam guide as data: domains, the 20 tasks and their skills (``docs/includes/exam-guide.yml``).

Loaded and checked once; questions name tasks and skills by id (``tasks: ["2.2"]``,
``skills: ["2.2.3"]``), and the exam-guide map, the progress page and the Anki deck
read the same records. Bad data is a ``DataError`` naming the file, the line and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import DataError
from .provenance import source_error
from .yamlfile import Loader, explain, precise_error

PATH = "includes/exam-guide.yml"  # relative to docs/
TASK_ID = re.compile(r"^([1-9])\.([1-9][0-9]?)$")
SKILL_ID = re.compile(r"^([1-9])\.([1-9][0-9]?)\.([1-9][0-9]?)$")


@dataclass(frozen=True)
class Skill:
    id: str
    text: str
    task: str  # the task id, "2.2" for "2.2.3"


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    domain: str  # the domain key
    skills: tuple[Skill, ...]


@dataclass(frozen=True)
class Domain:
    key: str
    n: int
    name: str
    weight: int
    source: str
    tasks: tuple[Task, ...]


@dataclass
class Guide:
    exam: str = ""
    version: str = ""
    source: str = ""
    domains: list[Domain] = field(default_factory=list)
    tasks: dict[str, Task] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)

    def domain_of(self, task_id: str) -> str:
        return self.tasks[task_id].domain


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _map(node: yaml.Node, path: str, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise DataError(path, f"{what} must be a mapping", line=_line(node))
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _text(keys: dict, key: str, path: str, at: yaml.Node, entry: str | None = None) -> str:
    if key not in keys:
        raise DataError(path, f"missing '{key}'", line=_line(at), entry=entry)
    node = keys[key][1]
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        raise DataError(path, f"'{key}' must be non-empty text", line=_line(node), entry=entry)
    return node.value.strip()


def _list(keys: dict, key: str, path: str, at: yaml.Node, entry: str | None = None) -> list[yaml.Node]:
    node = keys.get(key, (None, None))[1]
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        where = _line(node) if node is not None else _line(at)
        raise DataError(path, f"'{key}' must be a non-empty list", line=where, entry=entry)
    return node.value


def load(text: str, path: str = PATH) -> Guide:
    """Parse and check the guide; raises ``DataError`` at the first problem."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as exc:
        problem, line = explain(text, precise_error(text, exc))
        raise DataError(path, f"malformed YAML: {problem}", line=line) from None
    if root is None:
        raise DataError(path, "empty exam guide: it needs 'guide:' and 'domains:'", line=1)
    top = _map(root, path, "the exam guide")
    guide = Guide()
    head = _map(top["guide"][1], path, "'guide'") if "guide" in top else None
    if head is None:
        raise DataError(path, "missing 'guide:' (exam, version, source)", line=1)
    guide.exam = _text(head, "exam", path, top["guide"][0])
    guide.version = _text(head, "version", path, top["guide"][0])
    guide.source = _checked_source(head, path, top["guide"][0], "guide")
    if "domains" not in top:
        raise DataError(path, "missing 'domains:' list", line=1)
    seen_skills: dict[str, int] = {}
    for dnode in _list(top, "domains", path, root):
        d = _map(dnode, path, "each domain")
        key = _text(d, "key", path, dnode)
        n_text = _text(d, "n", path, dnode, key)
        weight_text = _text(d, "weight", path, dnode, key)
        if not n_text.isdigit() or not weight_text.isdigit():
            raise DataError(path, "'n' and 'weight' must be whole numbers", line=_line(dnode), entry=key)
        tasks = []
        for tnode in _list(d, "tasks", path, dnode, key):
            t = _map(tnode, path, "each task")
            tid = _text(t, "id", path, tnode)
            match = TASK_ID.match(tid)
            if not match or match.group(1) != n_text:
                raise DataError(path, f"task id '{tid}' must be '{n_text}.<n>' (domain {n_text})", line=_line(t["id"][1]), entry=tid)
            if tid in guide.tasks:
                raise DataError(path, f"task '{tid}' is given twice", line=_line(t["id"][1]), entry=tid)
            title = _text(t, "title", path, tnode, tid)
            if "skills" not in t or not isinstance(t["skills"][1], yaml.SequenceNode) or not t["skills"][1].value:
                raise DataError(path, f"task '{tid}' has no skills: list them under 'skills:'", line=_line(tnode), entry=tid)
            skills = []
            for snode in t["skills"][1].value:
                s = _map(snode, path, "each skill")
                sid = _text(s, "id", path, snode, tid)
                extra = sorted(set(s) - {"id", "text"})
                if extra:
                    raise DataError(
                        path,
                        f"unknown key '{extra[0]}' in skill '{sid}' (a skill has 'id' and 'text'): "
                        "in {id: ..., text: ...} a comma ends the text, so quote a text that holds one",
                        line=_line(s[extra[0]][0]),
                        entry=sid,
                    )
                if not SKILL_ID.match(sid) or sid.rsplit(".", 1)[0] != tid:
                    raise DataError(path, f"skill id '{sid}' must be '{tid}.<n>' (it sits under task {tid})", line=_line(snode), entry=sid)
                if sid in seen_skills:
                    raise DataError(
                        path, f"skill id '{sid}' is given twice (first on line {seen_skills[sid]})", line=_line(snode), entry=sid
                    )
                seen_skills[sid] = _line(snode)
                skill = Skill(sid, _text(s, "text", path, snode, sid), tid)
                skills.append(skill)
                guide.skills[sid] = skill
            task = Task(tid, title, key, tuple(skills))
            tasks.append(task)
            guide.tasks[tid] = task
        guide.domains.append(
            Domain(
                key, int(n_text), _text(d, "name", path, dnode, key), int(weight_text), _checked_source(d, path, dnode, key), tuple(tasks)
            )
        )
    return guide


def _checked_source(keys: dict, path: str, at: yaml.Node, entry: str) -> str:
    value = _text(keys, "source", path, at, entry)
    problem = source_error(value)
    if problem:
        raise DataError(path, f"'source' {problem}", line=_line(keys["source"][1]), entry=entry)
    return value


def read(docs_dir: str) -> Guide:
    """The guide from ``<docs_dir>/includes/exam-guide.yml``."""
    return load(Path(docs_dir, PATH).read_text(encoding="utf-8"))
