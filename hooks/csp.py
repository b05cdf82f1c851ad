"""Hook: collect the hashes of inline code in the written pages and write site/_headers.

Wiring only; the policy lives in hooks/studyguide/csp.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from studyguide import csp

log = get_plugin_logger(__name__)

_inline = csp.InlineCode()


def on_pre_build(config):
    global _inline
    _inline = csp.InlineCode()  # `mkdocs serve` keeps this module loaded between builds


# Last, so the page is scanned exactly as it is written to disk.
@event_priority(-100)
def on_post_page(output, page, config):
    _inline.scan(output)
    return output


def on_post_build(config):
    policy = csp.policy(_inline)
    Path(config.site_dir, csp.HEADERS_FILE).write_text(csp.headers_file(policy), encoding="utf-8")
    log.debug("CSP: %d inline script hashes, %d style attribute hashes", len(_inline.scripts), len(_inline.style_attributes))


# 404.html and other static templates are written without on_post_page.
@event_priority(-100)
def on_post_template(output_content, template_name, config):
    _inline.scan(output_content)
    return output_content
