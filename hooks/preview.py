"""Hook: the live preview. Under `mkdocs serve`, a failed build shows in the browser, not only
in the terminal, and the hooks keep their results across rebuilds.

Wiring only; the logic lives in hooks/studyguide/preview.py. ``on_serve`` is the one
event that sees the live-reload server: its builder and its WSGI app are wrapped there.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from studyguide import buildcache, preview

log = get_plugin_logger(__name__)


def on_startup(command, dirty):
    # Results kept across rebuilds only where there are rebuilds (studyguide/buildcache.py).
    buildcache.enable(command == "serve")


def on_serve(server, config, builder):
    try:
        render = preview.banner_renderer(config.theme.get_env())
    except Exception as error:  # a broken theme must not stop the preview
        log.warning("the build-error banner falls back to plain HTML: %s", error)
        render = preview.plain_banner
    state = preview.Preview(render)
    server.builder = state.wrap_builder(server.builder, log, config.site_dir)
    server.set_app(state.wrap_app(server.get_app()))
    return server
