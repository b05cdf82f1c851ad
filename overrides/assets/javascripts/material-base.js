// Material for MkDocs 9.8.2, partials/javascripts/base.html, out of line (issue 7: CSP).
// The scope comes from the <script data-md-scope> attribute, as Material's template sets it.
(__md_scope = new URL(document.currentScript.getAttribute("data-md-scope"), location)),
  (__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0)),
  (__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e))),
  (__md_set = (e, _, t = localStorage, a = __md_scope) => {
    try {
      t.setItem(a.pathname + "." + e, JSON.stringify(_));
    } catch (e) {}
  });
