"""The one place where authored Markdown becomes HTML that is safe to show.

Everything that displays text an editor wrote calls `render_markdown()` (or, for HTML from elsewhere,
`sanitize_html()`); nothing else in the project imports `markdown` or `bleach`.
"""

from markup.rendering import RenderedMarkdown, render_markdown, sanitize_html

__all__ = ["RenderedMarkdown", "render_markdown", "sanitize_html"]
