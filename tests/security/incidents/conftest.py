from tests.security.incidents.fixtures import world  # noqa: F401
