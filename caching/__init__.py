"""The page cache and HTML compression: reading pages served as cheaply as static files.

- `generation`: a token that changes whenever what readers can see changes (publish, edit, unpublish,
  a scheduled publish time passing), so cached pages are invalidated the moment content moves. The
  app that owns the content supplies it through `register_generation`; this package imports no
  content app.
- `decorators`: `cacheable_reading_page`, with which a view opts in to the page cache.
- `policy`: which requests may be answered from the cache and which responses may be stored.
- `compression`: which responses may be compressed (never one that carries a secret) and how.
- `entries`: cache keys and the stored form of a response.
- `middleware`: the two middlewares that put these together.
"""
