"""The one place where authored Markdown becomes HTML that is safe to show.

Everything that displays text an editor wrote calls `render_markdown()` (or, for HTML from elsewhere,
`sanitize_html()`); nothing else in the project imports `markdown` or `bleach`. `explain_changes()`
says what the sanitiser changed and why, and `MARKDOWN_HELP` says what is allowed.
"""

from markup.changes import MarkdownChange, explain_changes
from markup.help import MARKDOWN_HELP
from markup.rendering import RenderedMarkdown, render_markdown, sanitize_html

__all__ = [
    "MARKDOWN_HELP",
    "MarkdownChange",
    "RenderedMarkdown",
    "explain_changes",
    "render_markdown",
    "sanitize_html",
]
