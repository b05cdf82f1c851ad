"""The quiz bank: every ``<page>.quiz.yml`` beside a content page, validated once per build.

Schema (CONTRIBUTING.md documents it for contributors)::

    questions:
      - id: direct-connect-vifs-per-connection   # unique across the site
        kind: scenario                            # scenario (situation + deciding constraint) | recall
        domains: [new-solutions]                  # exam domain keys, see DOMAINS; the first one counts
        tasks: ["2.2"]                            # exam-guide task ids (docs/includes/exam-guide.yml); the first lies in the first domain
        skills: [2.2.3]                           # skill ids of those tasks
        services: [direct-connect, vpc]           # page ids of the services involved
        choose: 1                                 # 1, 2 ("choose two") or 3 ("choose three")
        question: A company ...                   # plain text, always escaped
        options:                                  # 4, 5 or 6 (choose 1, 2, 3); plain text, escaped
          - text: ...
            correct: true
            why: ...                              # one sentence: why right, or why wrong here
        explanation: ...                          # Markdown, rendered; raw HTML refused
        source: direct-connect#gateways           # "<page id>" or "<page id>#<heading anchor>"

Form rules checked per question (``_form_problems``): a scenario stem is 200 characters or
more; no stem names the study guide or the cheat sheet; no option is "all/none of the
above". Rules over the whole bank (length bias, domain weights) live in quizstats.py.

Everything here is plain Python: the hook (hooks/quizzes.py) hands in file texts,
the catalog and the anchors of the built pages, and gets typed records, errors
with file, question id and line, and HTML/JSON-ready data back.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import markdown
import yaml

from . import placeholders
from .catalog import Catalog
from .errors import DataError, shown
from .examguide import Guide
from .yamlfile import Loader, explain, precise_error

SUFFIX = ".quiz.yml"
QUIZ_MARKER = "<!-- quiz -->"
EXAM_MARKER = "<!-- practice-exam -->"
PROGRESS_MARKER = "<!-- quiz-progress -->"
BANK_URI = "assets/quiz-bank.json"

# SAP-C02 exam domains: key -> (title, weight in percent).
DOMAINS: dict[str, tuple[str, int]] = {
    "organizational-complexity": ("Design Solutions for Organizational Complexity", 26),
    "new-solutions": ("Design for New Solutions", 29),
    "continuous-improvement": ("Continuous Improvement for Existing Solutions", 25),
    "migration-modernization": ("Accelerate Workload Migration and Modernization", 20),
}

QUESTION_KEYS = {"id", "kind", "domains", "tasks", "skills", "services", "choose", "question", "options", "explanation", "source"}
# Every key is required. TAGS_REQUIRED lets unit tests of the other rules leave tasks and
# skills out of their small banks (the tag rules have tests of their own).
TAGS_REQUIRED = True
REQUIRED_KEYS = QUESTION_KEYS if TAGS_REQUIRED else QUESTION_KEYS - {"tasks", "skills"}
MISSING_TAGS = {
    "tasks": "missing required key 'tasks': name the exam-guide tasks the question tests, like tasks: [\"2.2\"] "
    "(ids in docs/includes/exam-guide.yml; the first task lies in the question's first domain)",
    "skills": "missing required key 'skills': name the skills of those tasks it tests, like skills: [2.2.3] "
    "(ids in docs/includes/exam-guide.yml, under each task)",
}


def required_keys() -> set[str]:
    """The keys every question needs, read when a file is checked (so TAGS_REQUIRED can be flipped)."""
    return QUESTION_KEYS if TAGS_REQUIRED else QUESTION_KEYS - {"tasks", "skills"}


OPTION_KEYS = {"text", "correct", "why"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = ("scenario", "recall")
# choose -> number of options, as on the exam: one of four, two of five, three of six.
OPTIONS_FOR = {1: 4, 2: 5, 3: 6}
CHOOSE_WORDS = {1: "one", 2: "two", 3: "three"}
MIN_SCENARIO_STEM = 200
GUIDE_STEM = re.compile(r"\b(study guide|cheat ?sheet|the guide)\b", re.IGNORECASE)
ABOVE_OPTION = re.compile(r"\b(all|none) of the above\b", re.IGNORECASE)


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str = ""  # why this option is right or wrong, one sentence of plain text


@dataclass(frozen=True)
class Link:
    """A link to a page of the site, from a ``source`` or from inside an explanation."""

    page_id: str
    anchor: str | None
    line: int
    what: str  # "source" or "explanation link"


@dataclass(frozen=True)
class Question:
    id: str
    file: str  # the quiz file, relative to docs/
    line: int  # line of the question's first key
    page_id: str  # the page the quiz file sits beside
    domains: tuple[str, ...]
    services: tuple[str, ...]
    choose: int
    text: str
    options: tuple[Option, ...]
    explanation: str  # Markdown source
    source: Link
    explanation_links: tuple[Link, ...] = ()
    kind: str = "scenario"
    # The explanation rendered once, its page links left as numbered slots (render_explanation fills them).
    explanation_html: str = ""
    tasks: tuple[str, ...] = ()  # exam-guide task ids, the first in the first domain
    skills: tuple[str, ...] = ()  # exam-guide skill ids, each under one of ``tasks``

    @property
    def correct(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)


@dataclass
class Bank:
    questions: list[Question] = field(default_factory=list)
    by_id: dict[str, Question] = field(default_factory=dict)
    by_page: dict[str, list[Question]] = field(default_factory=dict)

    def add(self, question: Question) -> None:
        self.questions.append(question)
        self.by_id[question.id] = question
        self.by_page.setdefault(question.page_id, []).append(question)


# ---------------------------------------------------------------- loading


def page_path_for(quiz_path: str) -> str:
    """``services/networking/vpc.quiz.yml`` -> ``services/networking/vpc.md``."""
    return quiz_path[: -len(SUFFIX)] + ".md"


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _mapping(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


# A folded (>-) line that ends in a hyphen ("us-", then "east-1" on the next line) reads
# "us- east-1": YAML joins the lines with a space. A suspended hyphen ("one- or three-year") is fine.
_BROKEN_WORD = re.compile(r"\b([a-z0-9]+)- (?!(?:or|and|to)\b)([a-z0-9][a-z0-9-]*)")


def _broken_word(text: str, what: str) -> str | None:
    """The problem when ``text`` holds a word broken across two YAML lines, else None."""
    match = _BROKEN_WORD.search(text)
    if match is None:
        return None
    whole = f"{match[1]}-{match[2]}"
    return f"{what} reads '{match[0]}': a line ends in '{match[1]}-' and YAML joins lines with a space; keep '{whole}' on one line"


def _scalar_str(node: yaml.Node) -> str | None:
    """A non-empty string scalar (quoted or plain, but not a number/bool), else None."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        return None
    return node.value.strip() or None


def _str_list(node: yaml.Node) -> list[tuple[str | None, int]] | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        return [(_scalar_str(node), _line(node))]  # a lone string is accepted as a one-item list
    if not isinstance(node, yaml.SequenceNode):
        return None
    return [(_scalar_str(item), _line(item)) for item in node.value]


def parse_link(value: str, line: int, what: str) -> Link:
    page_id, _, anchor = value.partition("#")
    return Link(page_id.strip(), anchor.strip() or None, line, what)


class _Collector:
    def __init__(self, path: str):
        self.path = path
        self.errors: list[DataError] = []

    def __call__(self, message: str, line: int | None, entry: str | None = None) -> None:
        self.errors.append(DataError(self.path, message, line=line, entry=entry))


def load_file(path: str, text: str, catalog: Catalog, guide: Guide | None = None) -> tuple[list[Question], list[DataError]]:
    """Parse and check one quiz file; returns its questions and every problem found."""
    error = _Collector(path)
    page = catalog.by_path.get(page_path_for(path))
    if page is None:
        error(f"quiz file has no content page beside it (expected {shown(page_path_for(path))} with an id in its front matter)", 1)
        return [], error.errors
    left = placeholders.find(path, text)
    if left:  # the scaffold's stub: say what to write before checking the questions' form
        return [], left
    try:
        root = yaml.compose(text, Loader=Loader)  # libyaml when present: 20x faster on the whole bank
    except yaml.YAMLError as exc:
        problem, line = explain(text, precise_error(text, exc))
        error(f"malformed YAML: {problem}", line)
        return [], error.errors
    if root is None:
        error("empty quiz file: it needs a 'questions:' list", 1)
        return [], error.errors
    if not isinstance(root, yaml.MappingNode):
        error("a quiz file must be a mapping with one key, 'questions'", _line(root))
        return [], error.errors
    top = _mapping(root)
    for key, (knode, _) in top.items():
        if key != "questions":
            error(f"unknown top-level key '{key}' (a quiz file holds only 'questions')", _line(knode))
    if "questions" not in top:
        error("missing 'questions:' list", 1)
        return [], error.errors
    qnode = top["questions"][1]
    if not isinstance(qnode, yaml.SequenceNode) or not qnode.value:
        error("'questions' must be a non-empty list", _line(qnode))
        return [], error.errors
    questions = []
    for item in qnode.value:
        question = _read_question(item, path, page.id, catalog, error, guide)
        if question is not None:
            questions.append(question)
    return questions, error.errors


def _read_question(node: yaml.Node, path: str, page_id: str, catalog: Catalog, error: _Collector, guide: Guide | None) -> Question | None:
    line = _line(node)
    if not isinstance(node, yaml.MappingNode):
        error("each question must be a mapping of keys (id, domains, services, ...)", line)
        return None
    keys = _mapping(node)
    id_node = keys.get("id", (None, None))[1]
    qid = _scalar_str(id_node) if id_node is not None else None
    entry = qid or f"question on line {line}"
    before = len(error.errors)

    def fail(message: str, at: yaml.Node | int | None = None) -> None:
        where = at if isinstance(at, int) or at is None else _line(at)
        error(message, where or line, entry)

    for key, (knode, _) in keys.items():
        if key not in QUESTION_KEYS:
            fail(f"unknown key '{key}' (known keys: {', '.join(sorted(QUESTION_KEYS))})", knode)
    for key in sorted(required_keys() - keys.keys()):
        fail(MISSING_TAGS.get(key, f"missing required key '{key}'"))
    if len(error.errors) > before:
        return None

    if qid is None or not ID_PATTERN.match(qid):
        fail("'id' must be lowercase words joined by hyphens, starting with the page id", id_node)
    elif not (qid == page_id or qid.startswith(page_id + "-")):
        fail(f"'id' must start with the page id '{page_id}-'", id_node)

    domains = _str_list(keys["domains"][1])
    if not domains:
        fail(f"'domains' must be a list of one or more of: {', '.join(DOMAINS)}", keys["domains"][1])
        domains = []
    for value, at in domains:
        if value not in DOMAINS:
            fail(f"unknown domain '{value}' (known: {', '.join(DOMAINS)})", at)

    tasks, skills = _guide_tags(keys, guide, [v for v, _ in domains], fail)

    services = _str_list(keys["services"][1])
    if not services:
        fail("'services' must be a list of one or more page ids", keys["services"][1])
        services = []
    for value, at in services:
        if value not in catalog.pages:
            fail(f"unknown service '{value}': no page has this id", at)

    kind_node = keys["kind"][1]
    kind = _scalar_str(kind_node)
    if kind not in KINDS:
        fail(f"'kind' must be {' or '.join(KINDS)} (got {kind!r})", kind_node)

    choose_node = keys["choose"][1]
    choose = int(choose_node.value) if isinstance(choose_node, yaml.ScalarNode) and choose_node.value in ("1", "2", "3") else None
    if choose is None:
        fail("'choose' must be 1 (one answer), 2 (choose two) or 3 (choose three)", choose_node)

    text = _scalar_str(keys["question"][1])
    if text is None:
        fail("'question' must be non-empty text", keys["question"][1])

    options = _read_options(keys["options"][1], fail, keys["options"][0], choose)
    if options is not None and choose is not None:
        right = sum(o.correct for o in options)
        if right == 0:
            fail("no correct answer: mark one option with 'correct: true'", keys["options"][0])
        elif right != choose:
            plural = "s" if choose > 1 else ""
            fail(f"'choose: {choose}' needs exactly {CHOOSE_WORDS[choose]} correct option{plural}, found {right}", keys["choose"][0])
    if text is not None:
        for problem, at in _form_problems(kind, text, options or [], keys):
            fail(problem, at)
        broken = _broken_word(text, "the question")
        if broken:
            fail(broken, keys["question"][1])

    explanation = _scalar_str(keys["explanation"][1])
    if explanation is None:
        fail("'explanation' must be non-empty Markdown text", keys["explanation"][1])
    elif broken := _broken_word(explanation, "the explanation"):
        fail(broken, keys["explanation"][1])

    source_node = keys["source"][1]
    source_value = _scalar_str(source_node)
    source = None
    if source_value is None:
        fail("'source' must be '<page id>' or '<page id>#<heading anchor>'", source_node)
    else:
        source = parse_link(source_value, _line(source_node), "source")
        if source.page_id not in catalog.pages:
            fail(f"'source' cites unknown page id '{source.page_id}'", source_node)

    links: list[Link] = []
    explanation_html = ""
    if explanation is not None:
        try:
            links, explanation_html = _explanation(explanation, page_path_for(path), catalog, _line(keys["explanation"][1]))
        except ValueError as exc:
            fail(f"explanation: {exc}", keys["explanation"][1])

    if len(error.errors) > before:
        return None
    return Question(
        id=qid,
        file=path,
        line=line,
        page_id=page_id,
        domains=tuple(dict.fromkeys(v for v, _ in domains)),
        services=tuple(dict.fromkeys(v for v, _ in services)),
        choose=choose,
        text=text,
        options=tuple(options),
        explanation=explanation,
        source=source,
        explanation_links=tuple(links),
        kind=kind,
        explanation_html=explanation_html,
        tasks=tasks,
        skills=skills,
    )


def _guide_tags(keys, guide: Guide | None, domains: list[str], fail) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``tasks`` and ``skills``: known ids, each skill under a listed task, the first task in the first domain."""
    if "tasks" not in keys and "skills" not in keys:
        return (), ()
    for key in ("tasks", "skills"):
        if key not in keys:
            fail(f"'{key}' is missing: a question names the exam-guide tasks it tests and their skills (docs/includes/exam-guide.yml)")
            return (), ()
    found = {}
    for key in ("tasks", "skills"):
        node = keys[key][1]
        # YAML reads 2.2 as a number: accept it and write the id as the guide does.
        items = node.value if isinstance(node, yaml.SequenceNode) else None
        if not items or not all(isinstance(i, yaml.ScalarNode) and i.value.strip() for i in items):
            example = '["2.2"]' if key == "tasks" else "[2.2.3]"
            fail(f"'{key}' must be a list of exam-guide ids, like {key}: {example}", node)
            return (), ()
        found[key] = [(i.value.strip(), i) for i in items]
    tasks = tuple(dict.fromkeys(v for v, _ in found["tasks"]))
    skills = tuple(dict.fromkeys(v for v, _ in found["skills"]))
    if guide is None:
        return tasks, skills
    for value, at in found["tasks"]:
        if value not in guide.tasks:
            fail(f"unknown task '{value}' (tasks are 1.1 to 4.4; see docs/includes/exam-guide.yml)", at)
    for value, at in found["skills"]:
        if value not in guide.skills:
            fail(f"unknown skill '{value}' (see the skills under each task in docs/includes/exam-guide.yml)", at)
        elif value.rsplit(".", 1)[0] not in tasks:
            owner = value.rsplit(".", 1)[0]
            fail(f"skill '{value}' belongs to task {owner}, not in this question's tasks: add the task or pick another skill", at)
    first_task = found["tasks"][0]
    if first_task[0] in guide.tasks and domains and domains[0] in DOMAINS and guide.domain_of(first_task[0]) != domains[0]:
        fail(
            f"the first task '{first_task[0]}' is in domain '{guide.domain_of(first_task[0])}', but the first domain is '{domains[0]}': "
            "put first the task of the question's first domain, or fix the domain",
            first_task[1],
        )
    # The domains a question counts in are those of the tasks it tests: a domain with none of its
    # tasks, or a task outside the listed domains, misfiles it on the exam-guide map and in the deck.
    task_domains = {guide.domain_of(t) for t in tasks if t in guide.tasks}
    where = keys["domains"][1] if "domains" in keys else None
    for domain in domains:
        if domain in DOMAINS and domain not in task_domains:
            fail(f"domain '{domain}' has none of this question's tasks: add a task it tests there, or drop the domain", where)
    for value, at in found["tasks"]:
        if value in guide.tasks and domains and guide.domain_of(value) not in domains:
            fail(f"task '{value}' is in domain '{guide.domain_of(value)}', which 'domains' does not list: add the domain", at)
    return tasks, skills


def _form_problems(kind: str | None, text: str, options: list[Option], keys) -> list[tuple[str, yaml.Node]]:
    """Ways a question gives its answer away, or strays from the exam's form."""
    problems = []
    if kind == "scenario" and len(text) < MIN_SCENARIO_STEM:
        problems.append(
            (
                f"a scenario stem needs {MIN_SCENARIO_STEM} characters or more (has {len(text)}): "
                "state the situation and the constraint that decides the answer, or mark it 'kind: recall'",
                keys["question"][0],
            )
        )
    if GUIDE_STEM.search(text):
        problems.append(("the stem names the study guide or cheat sheet: the exam asks about AWS, not about a text", keys["question"][0]))
    for option in options:
        if ABOVE_OPTION.search(option.text):
            problems.append((f"option '{option.text}': 'all/none of the above' options are not allowed", keys["options"][0]))
    return problems


def _read_options(node: yaml.Node, fail, key: yaml.Node, choose: int | None) -> list[Option] | None:
    if not isinstance(node, yaml.SequenceNode):
        fail("'options' must be a list of '- text: ...' items (4 for choose 1, 5 for choose 2, 6 for choose 3)", key)
        return None
    expected = OPTIONS_FOR.get(choose)
    if expected is not None and len(node.value) != expected:
        fail(f"a 'choose: {choose}' question has {expected} options, found {len(node.value)}", key)
        return None
    options = []
    seen: set[str] = set()
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            fail("each option must be a mapping like '- text: ...' (with 'correct: true' on right answers)", item)
            return None
        keys = _mapping(item)
        for key, (knode, _) in keys.items():
            if key not in OPTION_KEYS:
                fail(f"unknown option key '{key}' (known keys: correct, text, why)", knode)
                return None
        text = _scalar_str(keys["text"][1]) if "text" in keys else None
        if text is None:
            fail("each option needs non-empty 'text'", item)
            return None
        if text.casefold() in seen:
            fail(f"the option '{text}' is given twice", item)
            return None
        seen.add(text.casefold())
        correct = False
        if "correct" in keys:
            cnode = keys["correct"][1]
            if not (isinstance(cnode, yaml.ScalarNode) and cnode.tag == "tag:yaml.org,2002:bool"):
                fail("'correct' must be true or false", cnode)
                return None
            correct = cnode.value.lower() in ("true", "yes", "on")
        why = _scalar_str(keys["why"][1]) if "why" in keys else None
        if why is None:
            fail(f"option '{text}' has no reason: add 'why: ...', one sentence on why it is right or wrong", item)
            return None
        broken = _broken_word(text, f"option '{text[:40]}…'") or _broken_word(why, f"the reason of option '{text[:40]}…'")
        if broken:
            fail(broken, item)
        options.append(Option(text, correct, re.sub(r"\s+", " ", why)))
    return options


def load_bank(sources: Iterable[tuple[str, str]], catalog: Catalog, guide: Guide | None = None) -> tuple[Bank, list[DataError]]:
    """Load every quiz file; ``sources`` yields ``(src_path, text)``. Returns the bank and all problems.

    With ``guide``, every question's ``tasks`` and ``skills`` are checked against it.
    """
    bank = Bank()
    errors: list[DataError] = []
    for path, text in sorted(sources):
        questions, problems = load_file(path, text, catalog, guide)
        errors.extend(problems)
        for q in questions:
            if q.id in bank.by_id:
                first = bank.by_id[q.id]
                message = f"duplicate question id, also used in {shown(first.file)}:{first.line}"
                errors.append(DataError(path, message, line=q.line, entry=q.id))
                continue
            bank.add(q)
    return bank, errors


def check_links(bank: Bank, catalog: Catalog, anchors: Mapping[str, Mapping[str, str]]) -> list[DataError]:
    """Every ``source`` and explanation link must reach an existing page and section.

    ``anchors`` maps a page id to ``{anchor: heading title}`` of its built page.
    """
    errors = []
    for q in bank.questions:
        for link in (q.source, *q.explanation_links):
            if link.anchor is None:
                continue
            known = anchors.get(link.page_id, {})
            if link.anchor not in known:
                page = catalog.pages[link.page_id]
                hint = ", ".join(sorted(known)[:12]) or "the page has no headings: cite the page id alone"
                errors.append(
                    DataError(
                        q.file,
                        f"{link.what} '{link.page_id}#{link.anchor}': no section '#{link.anchor}' "
                        f"on {shown(page.src_path)} (anchors: {hint})",
                        line=link.line,
                        entry=q.id,
                    )
                )
    return errors


# ---------------------------------------------------------------- Markdown explanations


class _LinkProcessor(markdown.treeprocessors.Treeprocessor):
    """Checks and rewrites every link of an explanation; refuses images."""

    resolve: Callable[[str], str] = staticmethod(lambda href: href)

    def run(self, root):
        for el in root.iter():
            if el.tag == "img":
                raise ValueError("images are not allowed in an explanation")
            if el.tag == "a":
                el.set("href", self.resolve(el.get("href", "")))


class _SafeMarkdown:
    """Python-Markdown with raw HTML turned off: ``<script>`` stays visible text."""

    def __init__(self):
        self.md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self.md.preprocessors.deregister("html_block")
        self.md.inlinePatterns.deregister("html")
        self.links = _LinkProcessor(self.md)
        self.md.treeprocessors.register(self.links, "quiz_links", 1)

    def convert(self, text: str, resolve: Callable[[str], str]) -> str:
        self.links.resolve = resolve
        try:
            return self.md.reset().convert(text)
        finally:
            self.links.resolve = _LinkProcessor.resolve


_md: _SafeMarkdown | None = None


def _markdown() -> _SafeMarkdown:
    global _md
    if _md is None:
        _md = _SafeMarkdown()
    return _md


# One line with no character Markdown could read as syntax (emphasis, code, links, escapes,
# entities, raw HTML) and no start that makes a list, quote or heading: its HTML is the text
# in a paragraph. Three explanations in four are such prose; Python-Markdown's whole
# pipeline for each was most of the quiz files' load time.
_SYNTAX = re.compile(r"[`*_\[\]<>&\\!#|~=\n\r]|^[\s\d+>-]")


def _plain_paragraph(text: str) -> str | None:
    """``<p>text</p>`` when that is exactly what Python-Markdown would write, else None."""
    return None if _SYNTAX.search(text) else f"<p>{text.rstrip()}</p>"


def render_markdown(text: str) -> str:
    """Contributor Markdown outside a quiz (a correction's note): raw HTML stays visible text."""
    return _plain_paragraph(text) or _markdown().convert(text, lambda href: href)


_EXTERNAL = re.compile(r"^https?://", re.IGNORECASE)


def _target(href: str, page_src: str, catalog: Catalog) -> tuple[str, str | None] | None:
    """A relative ``.md`` link -> (target src path, anchor); an http(s) link -> None."""
    if _EXTERNAL.match(href):
        return None
    path, _, anchor = href.partition("#")
    if not path:
        return page_src, anchor or None
    if ":" in path or path.startswith("/") or not path.endswith(".md"):
        raise ValueError(f"link '{href}' must be a relative link to a .md page of the site or an http(s) URL")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path))
    if target not in catalog.by_path:
        raise ValueError(f"link '{href}' points to {target}, which is not a service or concept page")
    return target, anchor or None


def explanation_links(text: str, page_src: str, catalog: Catalog, line: int | None) -> list[Link]:
    """The page links inside an explanation (checked); raises ValueError on a refused link."""
    return _explanation(text, page_src, catalog, line)[0]


# A page link's href while the explanation waits for the page it will sit on (one Markdown
# conversion per explanation and build, not one per page view and one for the JSON bank).
_SLOT = "sg-explanation-link:"
_SLOTS = re.compile(re.escape(_SLOT) + r"(\d+)")


def _explanation(text: str, page_src: str, catalog: Catalog, line: int | None) -> tuple[list[Link], str]:
    """(checked page links, HTML with a numbered slot for each page link's URL)."""
    found: list[Link] = []

    def resolve(href: str) -> str:
        target = _target(href, page_src, catalog)
        if target is None:
            return href
        found.append(Link(catalog.by_path[target[0]].id, target[1], line or 0, "explanation link"))
        return f"{_SLOT}{len(found) - 1}"

    plain = _plain_paragraph(text)
    return found, plain if plain is not None else _markdown().convert(text, resolve)


def render_explanation(question: Question, catalog: Catalog, url_of: Callable[[str], str]) -> str:
    """The explanation as HTML; ``url_of(src_path)`` gives the URL a page link should use."""
    links, rendered = (
        (question.explanation_links, question.explanation_html)
        if question.explanation_html
        else _explanation(question.explanation, page_path_for(question.file), catalog, question.line)
    )

    def fill(match: re.Match) -> str:
        link = links[int(match.group(1))]
        url = url_of(catalog.pages[link.page_id].src_path) + (f"#{link.anchor}" if link.anchor else "")
        return html.escape(url, quote=False).replace('"', "&quot;")  # as Python-Markdown writes attributes

    return _SLOTS.sub(fill, rendered)


# ---------------------------------------------------------------- views


def relative_url(from_url: str, to_url: str) -> str:
    """Relative URL between two site URLs such as ``services/networking/vpc/`` (MkDocs' directory URLs)."""
    to_path, _, anchor = to_url.partition("#")
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    rel = posixpath.relpath("/" + to_path, "/" + base) if base else to_path or "."
    if to_path.endswith("/") and not rel.endswith("/") and rel != ".":
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


def source_title(question: Question, catalog: Catalog, anchors: Mapping[str, Mapping[str, str]]) -> str:
    page = catalog.pages[question.source.page_id]
    if question.source.anchor:
        heading = anchors.get(page.id, {}).get(question.source.anchor)
        if heading:
            return f"{page.title} › {heading}"
    return page.title


def question_view(question: Question, catalog: Catalog, anchors, url_of: Callable[[str], str]) -> dict:
    """Everything the template (or the JSON bank) needs for one question. Texts are raw: escape on output."""
    source_page = catalog.pages[question.source.page_id]
    source_url = url_of(source_page.src_path) + (f"#{question.source.anchor}" if question.source.anchor else "")
    return {
        "id": question.id,
        "page": question.page_id,
        "choose": question.choose,
        "question": question.text,
        # "(Choose two.)" / "(Choose three.)" after the question, unless the writer already wrote it.
        "choose_note": _choose_note(question),
        "kind": question.kind,
        "options": [{"text": o.text, "correct": o.correct, "why": o.why} for o in question.options],
        "domains": list(question.domains),
        "tasks": list(question.tasks),
        "skills": list(question.skills),
        "services": list(question.services),
        "explanation": render_explanation(question, catalog, url_of),
        "source": {"url": source_url, "title": source_title(question, catalog, anchors)},
    }


def _choose_note(question: Question) -> str | None:
    """ "Choose two." / "Choose three." when the stem does not already say it."""
    word = CHOOSE_WORDS.get(question.choose) if question.choose > 1 else None
    if word is None or re.search(rf"(choose|select)\s+{word}", question.text, re.IGNORECASE):
        return None
    return f"Choose {word}."


def guide_json(guide: Guide | None) -> dict:
    """The exam guide for the browser: domains, tasks with their titles, skills with their texts."""
    if guide is None:
        return {"version": "", "source": "", "domains": [], "tasks": []}
    return {
        "version": guide.version,
        "source": guide.source,
        "domains": [{"key": d.key, "n": d.n, "name": d.name, "weight": d.weight, "source": d.source} for d in guide.domains],
        "tasks": [
            {"id": t.id, "title": t.title, "domain": t.domain, "skills": [{"id": s.id, "text": s.text} for s in t.skills]}
            for d in guide.domains
            for t in d.tasks
        ],
    }


def bank_json(bank: Bank, catalog: Catalog, anchors, url_of: Callable[[str], str], guide: Guide | None = None) -> dict:
    """The whole bank for the practice exam and progress pages; URLs are relative to the site root.

    ``guide`` (the exam guide) goes along so the browser can name tasks and skills."""
    used_pages = {q.page_id for q in bank.questions} | {s for q in bank.questions for s in q.services}
    return {
        "version": 1,
        "guide": guide_json(guide),
        "domains": {key: {"title": title, "weight": weight} for key, (title, weight) in DOMAINS.items()},
        "categories": {c.slug: c.title for c in catalog.ordered_categories()},
        "pages": {
            pid: {
                "title": catalog.pages[pid].title,
                "category": catalog.pages[pid].category,
                "url": url_of(catalog.pages[pid].src_path),
            }
            for pid in sorted(used_pages)
        },
        "questions": [question_view(q, catalog, anchors, url_of) for q in bank.questions],
    }


def study_sets(bank: dict) -> dict[str, list[tuple[str, str, int]]]:
    """The sets the practice page offers: each exam domain and each category that has
    questions, as (key, title, number of questions), from a :func:`bank_json` dict; and
    every exam-guide task, with its number of questions (0 when none names it yet)."""
    domains: dict[str, int] = {}
    categories: dict[str, int] = {}
    tasks: dict[str, int] = {}
    for q in bank["questions"]:
        for key in q["domains"]:
            domains[key] = domains.get(key, 0) + 1
        for key in q.get("tasks", ()):
            tasks[key] = tasks.get(key, 0) + 1
        category = bank["pages"].get(q["page"], {}).get("category") or "concepts"
        categories[category] = categories.get(category, 0) + 1
    titles = dict(bank["categories"], concepts=bank["categories"].get("concepts", "Concepts"))
    return {
        "domains": [(key, d["title"], domains[key]) for key, d in bank["domains"].items() if key in domains],
        "categories": sorted(((key, titles.get(key, key), n) for key, n in categories.items()), key=lambda c: c[1]),
        "tasks": [(t["id"], t["title"], tasks.get(t["id"], 0)) for t in bank.get("guide", {}).get("tasks", ())],
    }


def insert_block(html: str, block: str) -> str:
    """Put the quiz at the ``<!-- quiz -->`` marker, or at the end of the page."""
    if QUIZ_MARKER in html:
        return html.replace(QUIZ_MARKER, block, 1)
    return html + "\n" + block


def anchors_from_toc(toc) -> dict[str, str]:
    """``{anchor: title}`` from MkDocs' toc items (anything with ``id``, ``title``, ``children``)."""
    out: dict[str, str] = {}
    stack = list(toc)
    while stack:
        item = stack.pop()
        out[item.id] = re.sub(r"\s+", " ", item.title).strip()
        stack.extend(item.children)
    return out


_BLOCK_START = '<section class="quiz" '


def without_block(html: str) -> str:
    """``html`` without the page's quiz block (the markup contract keeps ``<section>`` out of it)."""
    start = html.find(_BLOCK_START)
    if start < 0:
        return html
    end = html.find("</section>", start)
    if end < 0:
        return html
    end += len("</section>")
    if html[start - 1 : start] == "\n":
        start -= 1  # the newline insert_block put before it
    return html[:start] + html[end:]
