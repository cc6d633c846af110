"""Settings of bench/lookup.py's server only: the product's settings with the bench's URL module
(the product's URLs plus a naive status view). Never used by the product."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.lookup_urls"
