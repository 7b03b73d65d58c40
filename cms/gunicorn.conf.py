"""gunicorn settings: `gunicorn -c cms/gunicorn.conf.py cms.wsgi`."""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
accesslog = None


def post_worker_init(worker):
    # The Chinese word splitter's dictionary (locales.search) takes about 0.6 s to load: loaded
    # here, before the worker takes requests, rather than by the first reader searching Chinese.
    from locales.search import load_segmenter

    load_segmenter()
    # Everything loaded so far lives as long as the worker: keep the garbage collector from
    # scanning it again and again, which is where the p99 tail came from.
    gc.freeze()
