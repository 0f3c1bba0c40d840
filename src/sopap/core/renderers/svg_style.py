"""The one stylesheet every SVG carries. A web page that inlines the SVG allows exactly this text by its
hash in the Content-Security-Policy (sopap.web.settings), so it stays a constant in a module of its own that
settings can import without loading the renderer."""

STYLESHEET = (
    ".c{fill:none;stroke:#000;stroke-width:.75}.s{fill:#fff;stroke:#000;stroke-width:.9}.r{stroke:#000}"
)
