"""The client's address for the sign-in throttle: the connection's, or the right-most entry a trusted
proxy added; forwarded headers ignored unless configured."""

from __future__ import annotations

from access.client import client_source, trusted_proxy_header

XFF = "X-Forwarded-For"


def test_without_a_configured_header_forwarded_headers_are_ignored():
    forged = [("X-Forwarded-For", "198.51.100.1"), ("X-Real-Ip", "198.51.100.2")]
    assert client_source(forged, "203.0.113.9", None) == "203.0.113.9"
    assert client_source(forged, None, None) is None  # a local connection: no address to count


def test_the_right_most_entry_the_trusted_proxy_added_counts():
    # The client forged the first entries; the proxy appended the address it saw, on the line or on a new one.
    assert client_source([("x-forwarded-for", "1.1.1.1, 198.51.100.7")], "10.0.0.2", XFF) == "198.51.100.7"
    assert client_source([("X-Forwarded-For", "1.1.1.1"), ("X-FORWARDED-FOR", "198.51.100.7")], "10.0.0.2",
                         XFF) == "198.51.100.7"
    assert client_source([("X-Forwarded-For", "198.51.100.7:51234")], None, XFF) == "198.51.100.7"


def test_a_missing_or_garbled_header_falls_back_to_the_connection():
    assert client_source([], "10.0.0.2", XFF) == "10.0.0.2"
    assert client_source([(XFF, "198.51.100.7, not-an-address")], "10.0.0.2", XFF) == "10.0.0.2"
    assert client_source([(XFF, " , ")], "not an address", XFF) is None


def test_ipv6_counts_by_its_64_network_and_mapped_ipv4_as_ipv4():
    a, b = "2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe"
    assert client_source([], a, None) == client_source([], b, None) == "2001:db8:1:2::/64"
    assert client_source([(XFF, "[2001:db8:1:3::5]:443")], None, XFF) == "2001:db8:1:3::/64"
    assert client_source([], "::ffff:192.0.2.4", None) == "192.0.2.4"


def test_the_header_is_configured_by_the_environment():
    assert trusted_proxy_header({"FFGRID_TRUSTED_PROXY_HEADER": " X-Forwarded-For "}) == XFF
    assert trusted_proxy_header({"FFGRID_TRUSTED_PROXY_HEADER": ""}) is None and trusted_proxy_header({}) is None
