"""Browser tests: headless Chromium (Debian's ``chromium``, or MOTCUA_CHROMIUM) driven by
Playwright against a real server started for the package (tests/browser/server.py).

    .venv/bin/pytest tests/browser          # skipped without chromium; fail under CI=true
    make screenshots                        # the same page tests, saving docs/screenshots/*.png

The server runs on its own SQLite file, or on a throwaway PostgreSQL database when the tests
run with DATABASE_URL=postgres://...; its log is shown beside a failed test's traceback.
"""
