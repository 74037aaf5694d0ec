"""HTML conformance checks that need no Java: what the Nu HTML Checker would report, as far as Python can.

`html_problems(text)` parses a page with html5lib, the WHATWG parsing algorithm browsers use, and
returns every problem found: parse errors (stray end tags, a block inside a paragraph, a missing
doctype...), then rules from the HTML standard's content models and attribute definitions that a
parser accepts silently: http-equiv values, the one charset and one title, duplicate ids, references
to ids that do not exist, interactive content nested in a link or button, what lists may hold.
`make test-conformance` runs the Nu checker itself as well.
"""

from collections import Counter

import html5lib

HTML = "{http://www.w3.org/1999/xhtml}"

# The http-equiv keywords the HTML standard allows (4.2.5.3 "Pragma directives"); the obsolete
# content-language and set-cookie are non-conforming.
HTTP_EQUIV_VALUES = {"content-type", "default-style", "refresh", "x-ua-compatible", "content-security-policy"}
# Attributes whose value is one id, or a space-separated list of ids, on the same page.
ID_REFERENCE = {"for", "form", "list", "aria-activedescendant"}
ID_REFERENCES = {"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers"}
# Elements that are interactive content, which neither <a> nor <button> may contain.
INTERACTIVE = {"a", "button", "details", "embed", "iframe", "label", "select", "textarea"}
LIST_CHILDREN = {"li", "script", "template"}
DL_CHILDREN = {"dt", "dd", "div", "script", "template"}
VOID_BOOLEAN = {"hidden", "disabled", "required", "checked", "selected", "readonly", "multiple", "defer"}


def _name(element) -> str:
    return element.tag.removeprefix(HTML) if isinstance(element.tag, str) else ""


def _elements(root):
    return [element for element in root.iter() if _name(element)]


def _parse_problems(text: str) -> tuple[object, list[str]]:
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"))
    root = parser.parse(text)
    problems = []
    for (line, column), code, data in parser.errors:
        problems.append(f"parse error at {line}:{column}: {code} {data or ''}".strip())
    return root, problems


def _head_problems(root) -> list[str]:
    problems = []
    html = root if _name(root) == "html" else root.find(f"{HTML}html")
    if html is None or not html.get("lang"):
        problems.append("<html> has no lang attribute")
    metas = root.iter(f"{HTML}meta")
    charsets = 0
    for meta in metas:
        equiv = meta.get("http-equiv")
        if equiv is not None and equiv.lower() not in HTTP_EQUIV_VALUES:
            problems.append(f'bad value "{equiv}" for http-equiv on <meta>')
        if meta.get("charset") is not None:
            charsets += 1
            if meta.get("charset").lower() != "utf-8":
                problems.append(f"charset {meta.get('charset')} is not utf-8")
        if meta.get("name") is not None and meta.get("content") is None:
            problems.append(f'<meta name="{meta.get("name")}"> has no content')
    if charsets != 1:
        problems.append(f"{charsets} <meta charset> elements, exactly one is required")
    titles = list(root.iter(f"{HTML}title"))
    if len(titles) != 1 or not "".join(titles[0].itertext()).strip():
        problems.append("a document needs exactly one non-empty <title>")
    return problems


def _id_problems(elements) -> list[str]:
    ids = Counter(element.get("id") for element in elements if element.get("id") is not None)
    problems = [f'duplicate id "{value}"' for value, count in ids.items() if count > 1]
    problems += [f'id "{value}" is empty or has spaces' for value in ids if not value or " " in value]
    names = {element.get("name") for element in elements if _name(element) == "a" and element.get("name")}
    for element in elements:
        tag = _name(element)
        for attribute in ID_REFERENCE:
            value = element.get(attribute)
            if value is not None and value not in ids:
                problems.append(f'<{tag} {attribute}="{value}"> names no element on the page')
        for attribute in ID_REFERENCES:
            for value in (element.get(attribute) or "").split():
                if value not in ids:
                    problems.append(f'<{tag} {attribute}> names "{value}", which is not on the page')
        href = element.get("href") or ""
        if tag == "a" and href.startswith("#") and len(href) > 1:
            target = href[1:]
            if target not in ids and target not in names:
                problems.append(f'link to "{href}", which is not on the page')
    return problems


def _content_model_problems(elements) -> list[str]:
    problems = []
    for element in elements:
        tag = _name(element)
        if tag in ("a", "button"):
            for inner in _elements(element)[1:]:
                inner_tag = _name(inner)
                focusable = inner.get("tabindex") is not None
                if inner_tag in INTERACTIVE or (inner_tag == "input" and inner.get("type") != "hidden"):
                    problems.append(f"<{inner_tag}> inside <{tag}>")
                elif focusable:
                    problems.append(f"an element with tabindex inside <{tag}>")
        children = {_name(child) for child in element if _name(child)}
        if tag in ("ul", "ol") and children - LIST_CHILDREN:
            problems.append(f"<{tag}> holds {sorted(children - LIST_CHILDREN)}; only <li> is allowed")
        if tag == "dl" and children - DL_CHILDREN:
            problems.append(f"<dl> holds {sorted(children - DL_CHILDREN)}")
        if tag == "img" and element.get("alt") is None:
            problems.append(f"<img src={element.get('src')!r}> has no alt")
        if tag == "label" and len([e for e in _elements(element) if _name(e) in ("input", "select")]) > 1:
            problems.append("a <label> labels more than one control")
        for attribute in VOID_BOOLEAN:
            value = element.get(attribute)
            if value not in (None, "", attribute):
                problems.append(f'boolean attribute {attribute}="{value}" on <{tag}>')
    return problems


def html_problems(text: str) -> list[str]:
    """Every conformance problem found in one HTML page; empty for a conforming page."""
    root, problems = _parse_problems(text)
    if not text.lstrip().lower().startswith("<!doctype html>"):
        problems.append("the page does not start with <!doctype html>")
    elements = _elements(root)
    problems += _head_problems(root)
    problems += _id_problems(elements)
    problems += _content_model_problems(elements)
    return problems
