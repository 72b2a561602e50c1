"""The test harness: real PostgreSQL and SoftHSM2 for the test run.

The fixtures live in `tests.harness.fixtures` and are re-exported by `tests/conftest.py`;
the modules beside it hold the plain-Python machinery, usable outside pytest too.
"""
