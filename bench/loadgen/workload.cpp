#include "workload.hpp"

#include <unistd.h>

#include <cstdio>
#include <unordered_set>

#include "squiggle/board_id.hpp"

namespace loadgen {

namespace net = boost::asio;

namespace {

std::string random_id(std::mt19937_64& rng) {
    std::array<std::uint8_t, 16> bytes{};
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    return squiggle::board_id_from_bytes(bytes);
}

Clock::duration period(double per_second) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / per_second));
}

constexpr int kMaxReported = 5;  // failures printed one by one; the rest only counted

}  // namespace

Identities make_identities(std::mt19937_64& rng, std::size_t boards, std::size_t connections) {
    Identities ids;
    for (std::size_t b = 0; b < boards; ++b) {
        ids.boards.push_back(random_id(rng));
        // Any valid key: the first joiner's becomes the board's edit key.
        ids.keys.push_back(random_id(rng));
    }
    std::unordered_set<std::uint64_t> taken;
    while (ids.authors.size() < connections) {
        const std::uint64_t a = rng();
        if (a != 0 && taken.insert(a).second) ids.authors.push_back(a);
    }
    return ids;
}

Workload::Workload(const Options& options, const WireProtocol& protocol, const net::ip::tcp::endpoint& endpoint)
    : options_(options),
      protocol_(protocol),
      endpoint_(endpoint),
      host_header_(options.host + ":" + std::to_string(options.port)),
      rng_(options.seed ? options.seed : std::random_device{}()),
      phase_timer_(ioc_) {
    const std::size_t total = std::size_t{options.boards} * options.clients;
    ids_ = make_identities(rng_, options.boards, total);
    receivers_.resize(total);
    send_times_.resize(total);
    ops_per_board_.assign(options.boards, 0);
    for (std::size_t i = 0; i < total; ++i) {
        receivers_[i].board = i / options.clients;
        client_of_author_.emplace(ids_.authors[i], i);
    }
    for (std::size_t b = 0; b < options.boards; ++b) {
        for (std::size_t k = 0; k < options.drawers; ++k) {
            drawers_.push_back(Drawer{b * options.clients + k, std::make_unique<net::steady_timer>(ioc_), {}, {},
                                      PenPath(rng_()), 1});
        }
    }
    // Every sample of the window fits without reallocating mid-run.
    latency_.reserve(static_cast<std::size_t>(options.rate * options.duration * drawers_.size() * options.clients *
                                              1.1));
}

RunResults Workload::run() {
    results_.connections = receivers_.size();
    connections_.reserve(receivers_.size());
    std::fprintf(stderr, "[loadgen] %s: connecting %zu clients (%u boards x %u)\n", options_.label.c_str(),
                 receivers_.size(), options_.boards, options_.clients);
    connect_more();
    // Joining must finish in reasonable time, or the server is not keeping up.
    phase_timer_.expires_after(std::chrono::seconds(60 + receivers_.size() / 100));
    phase_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || sending_ || finished_) return;
        std::fprintf(stderr, "[loadgen] only %zu of %zu clients joined in time\n", joined_, receivers_.size());
        finish(false);
    });
    ioc_.run();

    // Order and completeness, per receiver: every op of its board, warm-up included.
    for (const auto& r : receivers_) {
        const auto expected = static_cast<std::uint64_t>(static_cast<long long>(ops_per_board_[r.board]) +
                                                         options_.expect_extra);
        results_.expected += expected;
        results_.delivered += r.delivered;
        if (r.delivered != expected) ++results_.receivers_incomplete;
    }
    results_.ops_sent = ops_sent_;
    results_.ops_sent_window = ops_sent_at_close_ - ops_at_open_;
    results_.deliveries_window = deliveries_at_close_ - deliveries_at_open_;
    results_.window_s = std::chrono::duration<double>(window_end_ - window_start_).count();
    results_.latency = latency_.summarize();
    results_.proc_ok = proc_at_open_.ok && proc_at_close_.ok;
    results_.server_cpu_us = proc_at_close_.cpu_us - proc_at_open_.cpu_us;
    results_.loadgen_cpu_us = self_at_close_.cpu_us - self_at_open_.cpu_us;
    results_.rss_before_kb = proc_at_open_.rss_kb;
    results_.rss_after_kb = proc_at_close_.rss_kb;
    results_.bytes_sent_ops = bytes_at_close_.sent_ops - bytes_at_open_.sent_ops;
    results_.bytes_received_ops = bytes_at_close_.received_ops - bytes_at_open_.received_ops;
    results_.bytes_received = bytes_at_close_.received - bytes_at_open_.received;
    return results_;
}

void Workload::connect_more() {
    // A bounded number of handshakes at once, so the server's accept backlog never overflows.
    while (started_ < receivers_.size() && in_flight_ < options_.connect_parallel) {
        connections_.push_back(std::make_unique<Connection>(ioc_, protocol_, *this, started_));
        connections_.back()->start(endpoint_, host_header_, protocol_.target(options_.path));
        ++started_;
        ++in_flight_;
    }
}

void Workload::on_ready(Connection& c) {
    const auto& r = receivers_[c.index()];
    c.send(protocol_.join(ids_.boards[r.board], ids_.keys[r.board], ids_.authors[c.index()]));
}

void Workload::on_message(Connection& c, const Incoming& in) {
    auto& r = receivers_[c.index()];
    switch (in.kind) {
        case Incoming::Kind::kJoined:
            if (r.joined) return;
            r.joined = true;
            r.last_seq = in.seq;
            ++joined_;
            --in_flight_;
            connect_more();
            if (joined_ == receivers_.size()) start_drawing();
            return;
        case Incoming::Kind::kOps: {
            const auto now = Clock::now();
            for (const auto& op : in.ops) deliver(r, op, now);
            if (draining_) check_drained();
            return;
        }
        case Incoming::Kind::kSnapshot:
            // The ops up to the snapshot's seq are not delivered one by one:
            // they stay missing from this receiver's count, and are not gaps.
            ++results_.snapshots;
            if (in.seq > r.last_seq) r.last_seq = in.seq;
            return;
        case Incoming::Kind::kError:
            if (results_.errors++ < kMaxReported) {
                std::fprintf(stderr, "[loadgen] client %zu: server error %d\n", c.index(), in.code);
            }
            return;
        case Incoming::Kind::kUndecodable:
            ++results_.undecodable;
            return;
        default:
            return;
    }
}

void Workload::deliver(Receiver& r, const DeliveredOp& op, Clock::time_point now) {
    ++deliveries_;
    ++r.delivered;
    if (op.seq <= r.last_seq) {
        ++results_.duplicates;
    } else {
        results_.gaps += op.seq - r.last_seq - 1;
        r.last_seq = op.seq;
    }
    const auto author = client_of_author_.find(op.author);
    if (author == client_of_author_.end() || op.cid == 0 || op.cid > send_times_[author->second].size()) {
        ++results_.unknown_ops;
        return;
    }
    const auto sent = send_times_[author->second][op.cid - 1];
    if (sent >= window_start_ && sent < window_end_) {
        latency_.add(std::chrono::duration_cast<std::chrono::microseconds>(now - sent).count());
    }
}

void Workload::on_failed(Connection& c, const std::string& what) {
    if (finished_) return;
    if (results_.failed_connections++ < kMaxReported) {
        std::fprintf(stderr, "[loadgen] client %zu: %s\n", c.index(), what.c_str());
    }
    // Without every client joined there is no workload to measure.
    if (!receivers_[c.index()].joined) finish(false);
}

void Workload::start_drawing() {
    phase_timer_.cancel();
    std::fprintf(stderr, "[loadgen] all %zu joined; drawing: %.0f s warm-up, %.0f s measured\n", joined_,
                 options_.warmup, options_.duration);
    const auto t0 = Clock::now();
    window_start_ = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.warmup));
    window_end_ = window_start_ +
                  std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.duration));
    sending_ = true;
    // Random phases, so the drawers do not all fire in the same instant.
    std::uniform_real_distribution<double> phase(0, 1);
    for (auto& d : drawers_) {
        const auto offset = [&](double rate) {
            return rate > 0 ? std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(phase(rng_) / rate))
                            : Clock::duration::max() / 2;
        };
        d.next_op = t0 + offset(options_.rate);
        d.next_cursor = t0 + offset(options_.cursor_rate);
        drawer_tick(d);
    }
    phase_timer_.expires_at(window_start_);
    phase_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) open_window();
    });
}

void Workload::drawer_tick(Drawer& d) {
    if (!sending_) return;
    const auto now = Clock::now();
    // A fixed schedule, not "interval after the last send", so rates do not drift.
    if (options_.rate > 0) {
        const auto every = period(options_.rate);
        while (d.next_op <= now) {
            send_op(d, Clock::now());
            d.next_op += every;
        }
    }
    if (options_.cursor_rate > 0) {
        const auto every = period(options_.cursor_rate);
        while (d.next_cursor <= now) {
            connections_[d.client]->send(protocol_.cursor(d.pen.cursor()));
            d.next_cursor += every;
        }
    }
    d.timer->expires_at(std::min(d.next_op, d.next_cursor));
    d.timer->async_wait([this, &d](const boost::system::error_code& ec) {
        if (!ec) drawer_tick(d);
    });
}

void Workload::send_op(Drawer& d, Clock::time_point now) {
    const auto points = d.pen.next_stroke();
    StrokeSpec spec;
    spec.author = ids_.authors[d.client];
    spec.cid = d.next_cid++;
    spec.color = 0x3366CCFF ^ static_cast<std::uint32_t>((d.client * 0x9E3779B9u) & 0xFFFFFF00u);
    spec.points = &points;
    connections_[d.client]->send(protocol_.stroke(spec), true);
    send_times_[d.client].push_back(now);
    ++ops_per_board_[receivers_[d.client].board];
    ++ops_sent_;
}

ByteCounters Workload::sum_bytes() const {
    ByteCounters sum;
    for (const auto& c : connections_) {
        sum.sent += c->bytes().sent;
        sum.sent_ops += c->bytes().sent_ops;
        sum.received += c->bytes().received;
        sum.received_ops += c->bytes().received_ops;
    }
    return sum;
}

void Workload::open_window() {
    in_window_ = true;
    proc_at_open_ = sample_processes(options_.server_pids);
    self_at_open_ = sample_processes({static_cast<int>(getpid())});
    bytes_at_open_ = sum_bytes();
    deliveries_at_open_ = deliveries_;
    ops_at_open_ = ops_sent_;
    phase_timer_.expires_at(window_end_);
    phase_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) close_window();
    });
}

void Workload::close_window() {
    proc_at_close_ = sample_processes(options_.server_pids);
    self_at_close_ = sample_processes({static_cast<int>(getpid())});
    bytes_at_close_ = sum_bytes();
    deliveries_at_close_ = deliveries_;
    ops_sent_at_close_ = ops_sent_;
    in_window_ = false;
    sending_ = false;
    draining_ = true;
    for (auto& d : drawers_) d.timer->cancel();
    std::fprintf(stderr, "[loadgen] window closed; waiting for the last deliveries\n");
    phase_timer_.expires_after(
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.drain_timeout)));
    phase_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) finish(false);
    });
    check_drained();
}

void Workload::check_drained() {
    if (finished_) return;
    std::uint64_t expected = 0;
    for (auto n : ops_per_board_) expected += n * options_.clients;
    expected = static_cast<std::uint64_t>(static_cast<long long>(expected) +
                                          options_.expect_extra * static_cast<long long>(receivers_.size()));
    if (deliveries_ >= expected) finish(true);
}

void Workload::finish(bool drained) {
    if (finished_) return;
    finished_ = true;
    results_.drained = drained;
    ioc_.stop();
}

}  // namespace loadgen
