"""Hook: the stylesheets in extra_css ship as one file, the scripts in extra_javascript as
another (phone performance, issue 7).

Wiring only; the joining lives in hooks/studyguide/bundles.py. on_config swaps each list
for its bundle, so every page links one stylesheet and one script of ours; on_files joins
the listed files into the bundle and drops the parts from the site.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from studyguide import bundles
from studyguide.errors import DataError

log = get_plugin_logger(__name__)

_planned: list[bundles.Bundle] = []


def on_config(config):
    _planned.clear()  # `mkdocs serve` keeps this module loaded between builds
    try:
        config.extra_css, css = bundles.plan(config.extra_css, bundles.STYLESHEET, "extra_css")
        config.extra_javascript, js = bundles.plan(config.extra_javascript, bundles.SCRIPT, "extra_javascript")
    except DataError as error:
        raise PluginError(str(error)) from None
    _planned.extend(b for b in (css, js) if b.parts)
    return config


def on_files(files, config):
    def read(uri):
        file = files.get_file_from_path(uri)
        return None if file is None else file.content_string

    for bundle in _planned:
        try:
            if files.get_file_from_path(bundle.uri) is not None:
                raise DataError(bundle.uri, f"the build writes this file from {bundle.setting} in mkdocs.yml; rename it")
            text = bundles.join(bundle, read)
        except DataError as error:
            raise PluginError(str(error)) from None
        for part in bundle.parts:
            files.remove(files.get_file_from_path(part))
        files.append(File.generated(config, bundle.uri, content=text))
        log.debug("%s: %d files, %d bytes", bundle.uri, len(bundle.parts), len(text))
    return files
