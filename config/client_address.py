"""The address of the client of a request, the one rule for the lock-out per address (S4,
django-axes) and the address on audit entries (S2, django-auditlog).

Behind a load balancer every request comes from the balancer's address. The balancer names the
address it saw in `X-Forwarded-For`, appending to what the client sent, which anyone can write.
So the header counts only when the request comes from a configured trusted proxy
(`TRUSTED_PROXIES`), and then only its right part: walking from the right, every address a
trusted proxy wrote is skipped, and the first one that is not a trusted proxy is the client.
Anything left of it the client may have made up. With no trusted proxy (the default) the header
is ignored and the address is the connection's."""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.cache
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The networks of `TRUSTED_PROXIES` (addresses or CIDR ranges)."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {entry!r} is no address") from error
    return tuple(networks)


def parse_address(value: str) -> Address | None:
    """An address as a proxy writes it: bare, IPv4 with a port, IPv6 in brackets with or
    without a port. None for anything else."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has several colons
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # An IPv4 client of a dual-stack proxy arrives as ::ffff:a.b.c.d
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _is_trusted(address: Address | None, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def from_trusted_proxy(request) -> bool:
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    return _is_trusted(parse_address(request.META.get("REMOTE_ADDR", "")), networks)


def client_address(request) -> str | None:
    """The client's address: the connection's, or behind a trusted proxy the right-most
    address in `X-Forwarded-For` that is not itself a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not from_trusted_proxy(request):
        return remote
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    seen = None
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            # Not written by a trusted proxy: no address to go by but the last trusted one.
            break
        seen = address
        if not _is_trusted(address, networks):
            return str(address)
    # Every hop a trusted proxy (a health check from inside): the left-most is the client.
    return str(seen) if seen is not None else remote


def client_port(request) -> int | None:
    """The client's port as a trusted proxy reports it (`X-Forwarded-Port`), else none: the
    connection's own port is the proxy's."""
    if not from_trusted_proxy(request):
        return None
    try:
        return int(request.META.get("HTTP_X_FORWARDED_PORT", ""))
    except ValueError:
        return None
