#include "idle_run.hpp"

#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <memory>
#include <random>
#include <vector>

#include "connection.hpp"
#include "proc_sampler.hpp"
#include "workload.hpp"

namespace loadgen {

namespace net = boost::asio;

namespace {

class IdleRun final : public ConnectionOwner {
public:
    IdleRun(const Options& options, const WireProtocol& protocol, const net::ip::tcp::endpoint& endpoint)
        : options_(options),
          protocol_(protocol),
          endpoint_(endpoint),
          rng_(options.seed ? options.seed : std::random_device{}()),
          ids_(make_identities(rng_, options.boards, options.idle)),
          timer_(ioc_) {}

    RunResults run() {
        RunResults r;
        r.idle = true;
        r.connections = options_.idle;
        const ProcSample start = sample_processes(options_.server_pids);
        r.idle_rss_start_kb = start.rss_kb;
        std::fprintf(stderr, "[loadgen] %s: opening %u idle connections over %u boards\n", options_.label.c_str(),
                     options_.idle, options_.boards);
        connect_more();
        timer_.expires_after(std::chrono::seconds(60 + options_.idle / 100));
        timer_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) ioc_.stop();
        });
        ioc_.run();
        r.failed_connections = failed_;
        r.delivered = joined_;
        r.expected = options_.idle;
        r.drained = joined_ == options_.idle;
        const ProcSample end = sample_processes(options_.server_pids);
        r.proc_ok = start.ok && end.ok;
        r.rss_before_kb = start.rss_kb;
        r.rss_after_kb = end.rss_kb;
        r.server_cpu_us = end.cpu_us - start.cpu_us;
        return r;
    }

    void on_ready(Connection& c) override {
        const std::size_t board = c.index() % options_.boards;
        c.send(protocol_.join(ids_.boards[board], ids_.keys[board], ids_.authors[c.index()]));
    }

    void on_message(Connection&, const Incoming& in) override {
        if (in.kind != Incoming::Kind::kJoined) return;
        ++joined_;
        --in_flight_;
        connect_more();
        if (joined_ == options_.idle) settle();
    }

    void on_failed(Connection& c, const std::string& what) override {
        if (failed_++ < 5) std::fprintf(stderr, "[loadgen] idle client %zu: %s\n", c.index(), what.c_str());
        ioc_.stop();
    }

private:
    void connect_more() {
        while (started_ < options_.idle && in_flight_ < options_.connect_parallel) {
            connections_.push_back(std::make_unique<Connection>(ioc_, protocol_, *this, started_));
            connections_.back()->start(endpoint_, options_.host + ":" + std::to_string(options_.port),
                                       protocol_.target(options_.path));
            ++started_;
            ++in_flight_;
        }
    }

    // Presence fan-out to the joiners and allocator slack settle within a couple of seconds.
    void settle() {
        std::fprintf(stderr, "[loadgen] all %zu joined; settling\n", joined_);
        timer_.expires_after(std::chrono::seconds(3));
        timer_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) ioc_.stop();
        });
    }

    const Options& options_;
    const WireProtocol& protocol_;
    net::ip::tcp::endpoint endpoint_;
    net::io_context ioc_;
    std::mt19937_64 rng_;
    Identities ids_;
    net::steady_timer timer_;
    std::vector<std::unique_ptr<Connection>> connections_;
    std::size_t started_ = 0, in_flight_ = 0, joined_ = 0, failed_ = 0;
};

}  // namespace

RunResults run_idle(const Options& options, const WireProtocol& protocol, const net::ip::tcp::endpoint& endpoint) {
    IdleRun run(options, protocol, endpoint);
    return run.run();
}

}  // namespace loadgen
