// Material for MkDocs 9.8.2, partials/javascripts/palette.html, out of line (issue 7: CSP).
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
// Ours (issue 7, phone performance): mark the palette as being applied from the first paint.
// Material sets this attribute when it applies the palette at start-up, and removes it once
// the colours are in (palette.css: no transitions meanwhile). Setting it before the first
// style pass turns Material's set into a no-op, saving one full-page style recalculation.
document.body.setAttribute("data-md-color-switching", "");
