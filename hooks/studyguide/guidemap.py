"""The exam-guide map (docs/exam-guide.md): domains -> tasks -> skills, built from the data.

For each skill: its own-words text, the pages and sections that teach it (the distinct
``source`` of the questions that name the skill) and how many questions test it. A skill
with no question, or a task with none, stays on the map, marked as a gap. Plain Python over
the guide (examguide.py) and the bank's questions; hooks/quizzes.py renders the views with
overrides/partials/exam-guide-map.html at the page's marker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .examguide import Guide
from .quizstats import SKILL_TARGET, TASK_TARGET
from .quizzes import Link, Question

MARKER = "<!-- exam-guide-map -->"
__all__ = ["MARKER", "SKILL_TARGET", "TASK_TARGET", "build", "summary"]  # the targets: quizstats.py, shown here too


@dataclass(frozen=True)
class Teacher:
    """A page or section that teaches a skill: where a question naming the skill cites its fact."""

    url: str
    title: str
    questions: int  # questions on the skill citing this place


@dataclass(frozen=True)
class SkillView:
    id: str
    text: str
    questions: int
    teachers: tuple[Teacher, ...]


@dataclass(frozen=True)
class TaskView:
    id: str
    title: str
    questions: int
    skills: tuple[SkillView, ...]

    @property
    def anchor(self) -> str:
        return "task-" + self.id.replace(".", "-")

    @property
    def gaps(self) -> int:
        """Skills of the task with no question."""
        return sum(1 for s in self.skills if not s.questions)


@dataclass(frozen=True)
class DomainView:
    n: int
    key: str
    name: str
    weight: int
    source: str
    questions: int  # questions whose first task lies in this domain
    tasks: tuple[TaskView, ...]


@dataclass(frozen=True)
class Summary:
    tasks: int
    skills: int
    questions: int
    tagged: int  # questions naming at least one task
    skills_without_questions: int
    tasks_below_target: int
    skills_below_target: int


def build(guide: Guide, questions: Sequence[Question], url_of: Callable[[Link], str], title_of: Callable[[Link], str]) -> list[DomainView]:
    """The map's views. ``url_of`` and ``title_of`` give a ``source`` link's URL (relative to the
    map page) and its reader-facing title (page › section)."""
    by_task: dict[str, int] = {}
    by_skill: dict[str, list[Question]] = {}
    first_domain: dict[str, int] = {}
    for q in questions:
        for t in q.tasks:
            by_task[t] = by_task.get(t, 0) + 1
        for s in q.skills:
            by_skill.setdefault(s, []).append(q)
        if q.tasks and q.tasks[0] in guide.tasks:
            key = guide.domain_of(q.tasks[0])
            first_domain[key] = first_domain.get(key, 0) + 1
    domains = []
    for d in guide.domains:
        tasks = []
        for t in d.tasks:
            skills = []
            for s in t.skills:
                asked = by_skill.get(s.id, [])
                places: dict[tuple[str, str | None], list] = {}
                for q in asked:
                    key = (q.source.page_id, q.source.anchor)
                    if key not in places:
                        places[key] = [q.source, 0]
                    places[key][1] += 1
                teachers = sorted(
                    (Teacher(url_of(link), title_of(link), n) for link, n in places.values()), key=lambda x: (-x.questions, x.title)
                )
                skills.append(SkillView(s.id, s.text, len(asked), tuple(teachers)))
            tasks.append(TaskView(t.id, t.title, by_task.get(t.id, 0), tuple(skills)))
        domains.append(DomainView(d.n, d.key, d.name, d.weight, d.source, first_domain.get(d.key, 0), tuple(tasks)))
    return domains


def summary(domains: Sequence[DomainView], questions: Sequence[Question]) -> Summary:
    tasks = [t for d in domains for t in d.tasks]
    skills = [s for t in tasks for s in t.skills]
    return Summary(
        tasks=len(tasks),
        skills=len(skills),
        questions=len(questions),
        tagged=sum(1 for q in questions if q.tasks),
        skills_without_questions=sum(1 for s in skills if not s.questions),
        tasks_below_target=sum(1 for t in tasks if t.questions < TASK_TARGET),
        skills_below_target=sum(1 for s in skills if s.questions < SKILL_TARGET),
    )
