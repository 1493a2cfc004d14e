"""The client's address, as the sign-in throttle counts it: the connection's own, or the one a trusted
proxy added.

Behind a load balancer every connection comes from the balancer. Set `FFGRID_TRUSTED_PROXY_HEADER`
to the header it adds (e.g. `X-Forwarded-For`): the right-most entry is the one the proxy added,
those before it come from the client and can be forged. Without the setting, forwarded headers are
ignored. An IPv6 address counts as its /64 network (one home or one server holds a whole /64).
"""

from __future__ import annotations

import ipaddress
import os
from typing import Iterable, Mapping

TRUSTED_PROXY_HEADER = "FFGRID_TRUSTED_PROXY_HEADER"


def trusted_proxy_header(environ: Mapping[str, str] = os.environ) -> str | None:
    """The header a trusted proxy adds the client's address to (`FFGRID_TRUSTED_PROXY_HEADER`), or None."""
    return (environ.get(TRUSTED_PROXY_HEADER) or "").strip() or None


def client_source(headers: Iterable[tuple[str, str]], ip: str | None, trusted_header: str | None) -> str | None:
    """The client's address from the request's `headers` (name, value pairs, repeated names in order)
    and the connection's `ip`: the right-most entry of `trusted_header` if one is configured and
    holds an address, else `ip`; None when neither is an address (e.g. a local connection)."""
    if trusted_header:
        values = [value for key, value in headers if key.lower() == trusted_header.lower()]
        entries = [entry for entry in ",".join(values).split(",") if entry.strip()]
        if entries and (forwarded := _address(entries[-1])):
            return forwarded
    return _address(ip) if ip else None


def _address(text: str) -> str | None:
    """An IPv4 address, or an IPv6 address's /64 network, from `text` (a port is dropped); else None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
