#pragma once
// The drawing workload: connect B x C clients, join, let S per board draw at
// F ops/s with cursors, measure a window after the warm-up, then wait for the
// last deliveries and check that every receiver got every op of its board in
// sequence order.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <random>
#include <unordered_map>
#include <vector>

#include "connection.hpp"
#include "latency.hpp"
#include "options.hpp"
#include "pen_path.hpp"
#include "proc_sampler.hpp"
#include "report.hpp"
#include "wire_protocol.hpp"

namespace loadgen {

using Clock = std::chrono::steady_clock;

// The board ids, edit keys and author ids of a run: random, valid, distinct.
struct Identities {
    std::vector<std::string> boards;
    std::vector<std::string> keys;
    std::vector<std::uint64_t> authors;  // per connection
};
Identities make_identities(std::mt19937_64& rng, std::size_t boards, std::size_t connections);

class Workload final : public ConnectionOwner {
public:
    Workload(const Options& options, const WireProtocol& protocol, const boost::asio::ip::tcp::endpoint& endpoint);
    RunResults run();

    void on_ready(Connection& c) override;
    void on_message(Connection& c, const Incoming& in) override;
    void on_failed(Connection& c, const std::string& what) override;

private:
    struct Receiver {
        std::size_t board = 0;
        bool joined = false;
        std::uint64_t last_seq = 0;
        std::uint64_t delivered = 0;
    };
    struct Drawer {
        std::size_t client = 0;
        std::unique_ptr<boost::asio::steady_timer> timer;
        Clock::time_point next_op, next_cursor;
        PenPath pen;
        std::uint64_t next_cid = 1;
    };

    void connect_more();
    void start_drawing();
    void drawer_tick(Drawer& d);
    void send_op(Drawer& d, Clock::time_point now);
    void deliver(Receiver& r, const DeliveredOp& op, Clock::time_point now);
    void open_window();
    void close_window();
    void check_drained();
    void finish(bool drained);
    ByteCounters sum_bytes() const;

    const Options& options_;
    const WireProtocol& protocol_;
    boost::asio::ip::tcp::endpoint endpoint_;
    std::string host_header_;
    boost::asio::io_context ioc_;
    std::mt19937_64 rng_;
    Identities ids_;
    std::vector<std::unique_ptr<Connection>> connections_;
    std::vector<Receiver> receivers_;
    std::vector<Drawer> drawers_;
    std::unordered_map<std::uint64_t, std::size_t> client_of_author_;
    // When each op left: send_times_[client][cid - 1]. Every receiver is in
    // this process, so latency needs no timestamp in the protocol.
    std::vector<std::vector<Clock::time_point>> send_times_;
    std::vector<std::uint64_t> ops_per_board_;
    std::size_t started_ = 0, in_flight_ = 0, joined_ = 0;
    boost::asio::steady_timer phase_timer_;
    Clock::time_point window_start_, window_end_;
    bool in_window_ = false, sending_ = false, draining_ = false, finished_ = false;
    std::uint64_t deliveries_ = 0, deliveries_at_open_ = 0, deliveries_at_close_ = 0;
    std::uint64_t ops_sent_ = 0, ops_at_open_ = 0, ops_sent_at_close_ = 0;
    ByteCounters bytes_at_open_{}, bytes_at_close_{};
    ProcSample proc_at_open_{}, proc_at_close_{};
    ProcSample self_at_open_{}, self_at_close_{};  // the generator itself: is it the bottleneck?
    LatencySamples latency_;
    RunResults results_;
};

}  // namespace loadgen
