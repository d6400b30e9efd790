// sim/live/listen.h: the connections open against their limits, in all and per client
// address, without sockets: one address cannot take every connection, and what it gives
// back is free again.
#include <doctest/doctest.h>

#include <boost/asio/ip/address.hpp>

#include "sim/live/listen.h"

using cablesim::ConnectionLimits;
using Verdict = cablesim::ConnectionLimits::Verdict;

TEST_CASE("connections: one address gets its share, the others the rest, then all are full") {
  ConnectionLimits limits(5, 2);
  CHECK(limits.Take("10.0.0.1") == Verdict::kTaken);
  CHECK(limits.Take("10.0.0.1") == Verdict::kTaken);
  CHECK(limits.Take("10.0.0.1") == Verdict::kFullForAddress);  // its share: 2
  CHECK(limits.open() == 2);
  CHECK(limits.open_from("10.0.0.1") == 2);
  CHECK(limits.Take("10.0.0.2") == Verdict::kTaken);  // another address is served
  CHECK(limits.Take("10.0.0.2") == Verdict::kTaken);
  CHECK(limits.Take("::1") == Verdict::kTaken);
  CHECK(limits.open() == 5);
  CHECK(limits.Take("10.0.0.3") == Verdict::kFull);  // every connection is taken
  CHECK(limits.Take("10.0.0.1") == Verdict::kFull);  // all full is said first
  limits.Release("10.0.0.1");
  CHECK(limits.open() == 4);
  CHECK(limits.open_from("10.0.0.1") == 1);
  CHECK(limits.Take("10.0.0.3") == Verdict::kTaken);
  CHECK(limits.Take("10.0.0.1") == Verdict::kFull);
  limits.Release("10.0.0.2");
  CHECK(limits.Take("10.0.0.1") == Verdict::kTaken);
  CHECK(limits.open_from("10.0.0.1") == 2);
}

TEST_CASE("connections: giving back what was never taken changes nothing") {
  ConnectionLimits limits(2, 1);
  limits.Release("10.0.0.9");
  CHECK(limits.open() == 0);
  CHECK(limits.Take("10.0.0.9") == Verdict::kTaken);
  limits.Release("10.0.0.9");
  limits.Release("10.0.0.9");  // twice: the second is not counted
  CHECK(limits.open() == 0);
  CHECK(limits.open_from("10.0.0.9") == 0);
  CHECK(limits.Take("10.0.0.9") == Verdict::kTaken);
  CHECK(limits.Take("10.0.0.8") == Verdict::kTaken);
  CHECK(limits.Take("10.0.0.7") == Verdict::kFull);
}

TEST_CASE("a remote client is its IPv4 address, or its IPv6 /64") {
  using boost::asio::ip::make_address;
  CHECK(cablesim::RemoteClient(make_address("192.0.2.7")) == "192.0.2.7");
  CHECK(cablesim::RemoteClient(make_address("::ffff:192.0.2.7")) == "192.0.2.7");
  // Every address of one /64 is one client: a host there may take any of them.
  CHECK(cablesim::RemoteClient(make_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd")) ==
        "2001:db8:1:2::/64");
  CHECK(cablesim::RemoteClient(make_address("2001:db8:1:2::1")) == "2001:db8:1:2::/64");
  CHECK(cablesim::RemoteClient(make_address("2001:db8:1:3::1")) == "2001:db8:1:3::/64");
  CHECK(cablesim::RemoteClient(make_address("fe80::1")) == "fe80::/64");
}
