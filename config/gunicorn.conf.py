"""Production gunicorn settings: `gunicorn -c config/gunicorn.conf.py`.

The access log records what an operator needs (time, method, path, status, size, duration) and
nothing that could identify a reader or what they looked for: no query string (`%(U)s` is the path
alone; `%(r)s` and `%(q)s` would carry `?q=...`), no client address (`%(h)s`), no referrer and no
user agent. Both gunicorn logs also pass through pages.logging.StripQueryStrings, because gunicorn's
error log quotes the full request URI when a request fails, and the error log through
pages.logging.MaskRequestDetails, which drops the client address and the quoted pieces of a malformed
request that gunicorn writes when it refuses one.

It listens on 127.0.0.1 only: the proxy in front runs on the same machine. Set GUNICORN_BIND
(for example 0.0.0.0:8000) when the proxy is elsewhere, and let a firewall admit only the proxy.

Every value can be overridden from the environment (GUNICORN_*) or the command line.
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# gunicorn opens a control socket at one fixed path per user, so two app servers on one host would
# remove each other's. Off unless GUNICORN_CONTROL_SOCKET names a path for this instance (under var/).
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
# The proxy in front sets X-Forwarded-Proto; trust it only from the addresses given.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Time, "METHOD /path PROTOCOL", status, response bytes, duration in milliseconds.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "strip_query": {"()": "pages.logging.StripQueryStrings"},
        "mask_request": {"()": "pages.logging.MaskRequestDetails"},
    },
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["strip_query", "mask_request"],
            "stream": "ext://sys.stderr",
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["strip_query"],
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_console"], "propagate": False},
    },
}
