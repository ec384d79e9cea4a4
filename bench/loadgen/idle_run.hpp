#pragma once
// --idle N: the memory cost of connections that only sit on boards. Opens N
// connections over the boards, joins them all, lets the server settle, and
// reads its RSS against the figure before the first connection.
#include <boost/asio/ip/tcp.hpp>

#include "options.hpp"
#include "report.hpp"
#include "wire_protocol.hpp"

namespace loadgen {

RunResults run_idle(const Options& options, const WireProtocol& protocol,
                    const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace loadgen
