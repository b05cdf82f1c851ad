"""Extension ``studyguide.mdext.quizzes``: each page's exam-style questions, under every engine.

A postprocessor (priority 3: after the correction notes and the cross-links, so the questions
are never cross-linked, as before) puts the page's questions from ``<page>.quiz.yml`` at the
``<!-- quiz -->`` marker or at the end of the page (``studyguide.quizzes.insert_block``).

The block is written by ``render_block``, plain string building, not a Jinja template: it was
one template render per page, and is the largest piece of HTML the build writes. Its markup is
``overrides/partials/quiz.html``'s, byte for byte: tests/test_mdext.py renders the whole bank
both ways and compares. The section's title in "The fact: …" comes from the source page's
headings (``sitedata.headings``), which belong to another page than the one converting.

The block carries ``data-search-exclude``: MkDocs' hook ``search_exclude`` (and Material's search
itself) leave it out of the search index, as when the block was added after indexing.
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markupsafe import escape

from .. import buildcache, guidemap, quizzes, sitedata
from ..errors import DataError
from . import PageRef, WithPartials, build_error, page_html_of, partials_stamp, register_page_marker, relative_url, url_of
from .corrections import templates

PRIORITY = 3
# Each page's block, kept across `mkdocs serve` rebuilds (hooks/quizzes.py starts each build).
BLOCKS = buildcache.BuildCache("mdext.quizzes.blocks")
# The exam-guide map, the practice exam and the progress page, kept while their inputs are unchanged.
WHOLE_SITE = buildcache.BuildCache("mdext.quizzes.whole_site")


def _e(value) -> str:
    return str(escape(value))


def render_block(page_id: str, questions: list[dict]) -> str:
    """The quiz block of one page, as ``overrides/partials/quiz.html`` renders it."""
    n = len(questions)
    out = [
        f'<section class="quiz" data-search-exclude data-quiz-page="{_e(page_id)}">\n'
        '  <h2 class="quiz__title">Check yourself</h2>\n'
        '  <details class="question quiz__panel">\n'
        f"  <summary>{n} exam-style question{'s' if n != 1 else ''} on this page</summary>\n"
        '  <p class="quiz__intro">The answers are in the collapsed notes below each question.</p>\n'
        '  <div class="quiz__status" hidden>\n'
        '    <p class="quiz__progress" aria-live="polite"></p>\n'
        '    <button type="button" class="quiz__reset md-button">Reset progress</button>\n'
        "  </div>"
    ]
    for number, q in enumerate(questions, 1):
        qid = _e(q["id"])
        kind = "checkbox" if q["choose"] > 1 else "radio"
        note = f' <strong class="quiz__choose">({_e(q["choose_note"])})</strong>' if q["choose_note"] else ""
        out.append(
            f'\n  <form class="quiz__question" id="quiz-{qid}" data-question-id="{qid}" data-choose="{_e(q["choose"])}">\n'
            "    <fieldset>\n"
            f'      <legend><span class="quiz__number">Question {number}.</span> {_e(q["question"])}{note}</legend>\n'
            '      <ul class="quiz__options">'
        )
        for i, o in enumerate(q["options"]):
            correct = " data-correct" if o["correct"] else ""
            out.append(
                f'\n        <li class="quiz__option"><label><input type="{kind}" name="{qid}" value="{i}"{correct}>'
                f" <span>{_e(o['text'])}</span></label></li>"
            )
        answer = "; ".join(f"<strong>{_e(o['text'])}</strong>" for o in q["options"] if o["correct"])
        out.append(
            "\n      </ul>\n"
            '      <button type="submit" class="quiz__check md-button md-button--primary" hidden>Check answer</button>\n'
            '      <p class="quiz__feedback" role="status" aria-live="polite"></p>\n'
            '      <details class="quiz__answer">\n'
            "        <summary>Answer and explanation</summary>\n"
            f'        <p class="quiz__correct">Answer: {answer}</p>\n'
            '        <ul class="quiz__reasons">'
        )
        for i, o in enumerate(q["options"]):
            side, verdict = ("right", "Right") if o["correct"] else ("wrong", "Wrong")
            out.append(
                f'\n          <li class="quiz__reason quiz__reason--{side}" data-option="{i}">'
                f'<strong class="quiz__verdict">{verdict}:</strong>'
                f' <span class="quiz__reason-option">{_e(o["text"])}</span> <span class="quiz__why-text">{_e(o["why"])}</span></li>'
            )
        out.append(
            "\n        </ul>\n"
            f'        <div class="quiz__explanation">{q["explanation"]}</div>\n'
            f'        <p class="quiz__source">The fact: <a href="{_e(q["source"]["url"])}">{_e(q["source"]["title"])}</a></p>\n'
            "      </details>\n"
            "    </fieldset>\n"
            "  </form>"
        )
    out.append("\n  </details>\n</section>")
    return "".join(out)


def _slugify(md):
    from .limits import _slugify as slugify_of

    return slugify_of(md)


_EXAM_MARKER = re.compile(r"<!--\s*practice-exam\b([^>]*?)-->")
_OPTION = re.compile(r"(questions|minutes)\s*=\s*(\d+)")


class _Quiz(WithPartials, Postprocessor):
    def run(self, text: str) -> str:
        page = page_html_of(self.md)
        if page is None:  # plain Markdown, or the TOC's HTML
            return text
        whole_site = guidemap.MARKER in text or quizzes.PROGRESS_MARKER in text or _EXAM_MARKER.search(text)
        try:
            catalog = sitedata.catalog(page.docs_dir)
            me = catalog.by_path.get(page.src)
            if me is None and not whole_site:
                return text
            bank = sitedata.quiz_bank(page.docs_dir)
            questions = bank.by_page.get(me.id) if me is not None else None
            if not questions and not whole_site:
                return text
            slugify, separator = _slugify(self.md)
            anchors = sitedata.headings(page.docs_dir, slugify, separator)
            if whole_site:
                site_inputs = (bank, catalog, anchors, sitedata.exam_guide(page.docs_dir))
                text = WHOLE_SITE.get(
                    lambda: buildcache.key(
                        *map(sitedata.digest, site_inputs),
                        partials_stamp(page.partials(self.templates_dir)),
                        page.src,
                        page.url,
                        page.engine,
                        text,
                    ),
                    lambda: self._whole_site(text, page, catalog, bank, anchors),
                )
        except (DataError, sitedata.BookError) as error:
            raise build_error(str(error)) from None
        if not questions:
            return text

        def render() -> str:
            return render_block(me.id, [quizzes.question_view(q, catalog, anchors, page.href) for q in questions])

        # `mkdocs serve`: the block is kept while the bank, the pages' names and headings and the URL are unchanged.
        key = lambda: buildcache.key(  # noqa: E731
            sitedata.digest(bank), sitedata.digest(catalog), sitedata.digest(anchors), page.src, page.url, page.engine
        )
        return quizzes.insert_block(text, BLOCKS.get(key, render))

    def _whole_site(self, text: str, page: PageRef, catalog, bank, anchors) -> str:
        """The exam-guide map, the practice exam and the progress page, at their markers."""
        env = templates(str(page.partials(self.templates_dir)))
        guide = sitedata.exam_guide(page.docs_dir)
        docs = page.docs_dir

        def site_page(src: str) -> str:  # a whole-site page's link from here, "" when the site has no such page
            return page.href(src) if (docs / src).is_file() else ""

        if guidemap.MARKER in text:

            def url_of(link):
                return page.href(catalog.pages[link.page_id].src_path, link.anchor)

            def title_of(link):
                title = catalog.pages[link.page_id].title
                heading = anchors.get(link.page_id, {}).get(link.anchor) if link.anchor else None
                return f"{title} › {heading}" if heading else title

            domains = guidemap.build(guide, bank.questions, url_of, title_of)
            block = env.get_template("partials/exam-guide-map.html").render(
                guide=guide,
                domains=domains,
                summary=guidemap.summary(domains, bank.questions),
                task_target=guidemap.TASK_TARGET,
                skill_target=guidemap.SKILL_TARGET,
            )
            text = text.replace(guidemap.MARKER, block, 1)
        bank_url = relative_url(quizzes.BANK_URI, page.url)
        root = relative_url("./", page.url)
        match = _EXAM_MARKER.search(text)
        if match:
            options = dict(_OPTION.findall(match.group(1)))
            block = env.get_template("partials/quiz-exam.html").render(
                bank_url=bank_url,
                root=root,
                total=len(bank.questions),
                count=min(int(options.get("questions", 75)), max(len(bank.questions), 1)),
                minutes=int(options.get("minutes", 180)),
                guide_url=site_page("exam-guide.md"),
                **quizzes.study_sets(bank_json(page.docs_dir, page.use_directory_urls, anchors)),
            )
            text = text[: match.start()] + block + text[match.end() :]
        if page.site_dir is not None and (match or quizzes.PROGRESS_MARKER in text):
            write_bank(page.site_dir, bank_json(page.docs_dir, page.use_directory_urls, anchors))
        if quizzes.PROGRESS_MARKER in text:
            block = env.get_template("partials/quiz-progress.html").render(
                bank_url=bank_url, root=root, exam_url=site_page("practice-exam.md"), guide_url=site_page("exam-guide.md")
            )
            text = text.replace(quizzes.PROGRESS_MARKER, block, 1)
        return text


def write_bank(site_dir, data: dict) -> None:
    """``assets/quiz-bank.json`` in the site being built, for Zensical, which runs no MkDocs hook.

    (MkDocs' hooks/quizzes.py writes it in on_post_build.) Written when the practice exam or the
    progress page converts, the two pages that load it."""
    import json
    from pathlib import Path

    target = Path(site_dir) / quizzes.BANK_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def bank_json(docs, use_directory_urls: bool, anchors) -> dict:
    """The bank for the practice exam and progress pages (URLs from the site root)."""
    catalog = sitedata.catalog(docs)
    return quizzes.bank_json(
        sitedata.quiz_bank(docs), catalog, anchors, lambda src: url_of(src, use_directory_urls), sitedata.exam_guide(docs)
    )


class QuizzesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "templates": ["", "the folder holding partials/ (default: the theme's custom_dir)"],
            "data_stamp": ["", "unused here: a digest of the data files, so Zensical's render cache sees their edits"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        register_page_marker(md)
        md.postprocessors.register(_Quiz(md, self.getConfig("templates")), "studyguide_quizzes", PRIORITY)


def makeExtension(**kwargs):
    return QuizzesExtension(**kwargs)
