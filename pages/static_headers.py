"""Headers for static files, which whitenoise answers before any Django middleware runs.

Static files follow the same rule as pages: `Cross-Origin-Resource-Policy: same-origin`, and no
`Access-Control-Allow-Origin` (settings.WHITENOISE_ALLOW_ALL_ORIGINS is off). Every file is
self-hosted for this site's own pages; nothing is meant to be embedded or read by another site.
"""

CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"


def add_static_file_headers(headers, path: str, url: str) -> None:
    """whitenoise's WHITENOISE_ADD_HEADERS_FUNCTION: called once per file when it is indexed."""
    headers["Cross-Origin-Resource-Policy"] = CROSS_ORIGIN_RESOURCE_POLICY
