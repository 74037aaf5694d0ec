"""`cacheable_reading_page`: how a view opts in to the page cache.

A reading page is one every anonymous visitor sees alike: it takes no input to keep and belongs to no
one. Only views marked with this decorator are ever answered from the page cache, or stored in it;
the page cache keeps no list of addresses. The other rules still apply to every request and response
(caching/policy.py): staff never share entries, and a response that sets a cookie, varies on one or
is marked private is never stored.

    @cacheable_reading_page
    @require_safe
    def article_list(request): ...

    path("sitemap.xml", cacheable_reading_page(sitemap), {...})   # a view defined elsewhere
"""

import functools

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

# Set on the wrapper, never on the view itself: a view from a library (the sitemap) stays untouched.
MARK = "cacheable_reading_page"


def cacheable_reading_page(view):
    """Mark `view` (a function or any callable, such as a feed) as a page the page cache may serve."""
    if iscoroutinefunction(view):

        async def reading_page(request, *args, **kwargs):
            return await view(request, *args, **kwargs)

        markcoroutinefunction(reading_page)
    else:

        def reading_page(request, *args, **kwargs):
            return view(request, *args, **kwargs)

    functools.update_wrapper(reading_page, view)
    setattr(reading_page, MARK, True)
    return reading_page


def is_cacheable_reading_page(view) -> bool:
    return getattr(view, MARK, False) is True
