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

KNOWN_ELSEWHERE_CLIENT_CERT = setting(
    "KNOWN_ELSEWHERE_CLIENT_CERT",
    default="",
    help_text="K2: path to this installation's client certificate (PEM) for mutual TLS with the "
    "peers it asks. Empty: no peer is asked.",
    group="Known elsewhere",
)
KNOWN_ELSEWHERE_CLIENT_KEY = setting(
    "KNOWN_ELSEWHERE_CLIENT_KEY",
    default="",
    help_text="K2: path to the private key (PEM) of `KNOWN_ELSEWHERE_CLIENT_CERT`. Never in the "
    "repository.",
    group="Known elsewhere",
)
KNOWN_ELSEWHERE_CA = setting(
    "KNOWN_ELSEWHERE_CA",
    default="",
    help_text="K2: path to the CA bundle (PEM) that signs the peers' server certificates; a "
    "peer is asked only over HTTPS verified against it. Empty: the system's CAs.",
    group="Known elsewhere",
)
KNOWN_ELSEWHERE_TIMEOUT = float(
    setting(
        "KNOWN_ELSEWHERE_TIMEOUT",
        default="2",
        help_text="K2: seconds within which a peer must answer a check in full, or it counts as "
        "unavailable.",
        group="Known elsewhere",
    )
)
