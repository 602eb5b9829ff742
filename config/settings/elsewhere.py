"""Settings of "bekend elders?" (K1-K3): the shared key of the pseudonyms and the peers' TLS."""

from config.environment import setting

KNOWN_ELSEWHERE_KEY = setting(
    "KNOWN_ELSEWHERE_KEY",
    default="",
    help_text="K2: the key the participating installations share for the pseudonyms of a "
    "person (HMAC-SHA-256). Never in the repository; after a rotation run "
    "`manage.py rebuild_known_elsewhere`. Empty: the check runs within this installation only "
    "(with a key derived from SECRET_KEY) and asks no peer.",
    group="Known elsewhere",
)
