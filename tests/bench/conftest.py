def pytest_configure(config):
    config.addinivalue_line(
        "markers", "bench: a smoke test of a bench script on a tiny seed (no timings asserted)"
    )
