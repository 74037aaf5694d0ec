"""`{% keep "name" value ... %}...{% endkeep %}`: a part of a page rendered once per process.

For parts that are the same for every reader: the page frame, the search filters. The block is
rendered the first time and kept (pages/frame.py), one version for each combination of the values
named after its name. Name every value the block shows that can differ between pages; a value that
is None (not known) means the block is rendered afresh, not kept.
"""

from django import template

from pages import frame

register = template.Library()


class KeepNode(template.Node):
    def __init__(self, name: str, vary_on: list, nodelist):
        self.name = name
        self.vary_on = vary_on
        self.nodelist = nodelist

    def render(self, context):
        values = [value.resolve(context) for value in self.vary_on]
        if any(value is None for value in values):
            return self.nodelist.render(context)
        key = (self.name, *map(str, values))
        html = frame.kept(key)
        if html is None:
            html = self.nodelist.render(context)
            frame.keep(key, html)
        return html  # a node's output goes into the page as it is: it was escaped when rendered


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% keep %} needs a name: {% keep "header" LANGUAGE_CODE %}')
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return KeepNode(name, [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
