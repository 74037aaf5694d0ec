"""The only place the search relies on Django beyond its documented interface.

Checked by tests/search/test_library_internals.py, so a Django upgrade that breaks an assumption fails
there, by name, rather than leaving the fixed pages indexed by their titles alone.
"""

from django.template import Context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode


def render_block(template_name: str, block: str = "content") -> str:
    """The HTML of one block of a template, rendered on its own with an empty context, no request.

    Assumes: the Django backend's template object keeps the engine's Template as `.template`; a
    `{% block %}` is a BlockNode found by nodelist.get_nodes_by_type(); and rendering a node list
    outside Template.render needs the context bound to its template and a render-context state of its
    own, as Template.render sets them up (some tags, {% blocktranslate %} among them, need both).
    A template without that block renders whole.
    """
    template = get_template(template_name).template
    blocks = [node for node in template.nodelist.get_nodes_by_type(BlockNode) if node.name == block]
    nodes = blocks[0].nodelist if blocks else template.nodelist
    context = Context()
    with context.render_context.push_state(template), context.bind_template(template):
        return nodes.render(context)
