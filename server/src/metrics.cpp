#include "metrics.hpp"

namespace squiggle::server {
namespace {

const char* const kErrorNames[] = {"none",          "malformed_frame", "unsupported_version", "invalid_board_id",
                                   "not_joined",    "already_joined",  "invalid_op",          "frame_too_large",
                                   "storage",       "wrong_author",    "author_in_use",       "read_only",
                                   "rate_limited",  "bad_key",         "shutting_down",       "unavailable",
                                   "other"};

void metric(std::string& out, const char* type, const char* name, const char* help, const std::string& value) {
    out += std::string("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    out += std::string(name) + ' ' + value + '\n';
}

void counter(std::string& out, const char* name, const char* help, std::uint64_t value) {
    metric(out, "counter", name, help, std::to_string(value));
}

void gauge(std::string& out, const char* name, const char* help, std::int64_t value) {
    metric(out, "gauge", name, help, std::to_string(value));
}

std::string number(double v) {
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

void Histogram::observe(std::chrono::steady_clock::duration d) {
    const double seconds = std::chrono::duration<double>(d).count();
    std::size_t i = 0;
    while (i < kBounds.size() && seconds > kBounds[i]) ++i;
    buckets_[i].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count()),
                      std::memory_order_relaxed);
}

void Histogram::render(std::string& out, const std::string& name, const std::string& help) const {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBounds.size(); ++i) {
        cumulative += buckets_[i].load(std::memory_order_relaxed);
        out += name + "_bucket{le=\"" + number(kBounds[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    cumulative += buckets_[kBounds.size()].load(std::memory_order_relaxed);
    out += name + "_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
    out += name + "_sum " + number(static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9) + "\n";
    out += name + "_count " + std::to_string(count_.load(std::memory_order_relaxed)) + "\n";
}

std::string Metrics::render(std::size_t open_boards) const {
    std::string out;
    gauge(out, "squiggle_connections", "Open WebSocket connections.", connections_open.load());
    counter(out, "squiggle_connections_total", "WebSocket connections accepted.", connections_total.load());
    gauge(out, "squiggle_boards_open", "Boards held open by at least one connection.",
          static_cast<std::int64_t>(open_boards));
    counter(out, "squiggle_ops_in_total", "Ops ordered and stored.", ops_in.load());
    counter(out, "squiggle_ops_out_total", "Ops sent to clients, alone or in batches.", ops_out.load());
    counter(out, "squiggle_op_batches_out_total", "Frames that carried several ops to a client at once.",
            batches_out.load());
    counter(out, "squiggle_ops_duplicate_total", "Resent ops recognised by client op id and not applied again.",
            duplicates.load());
    counter(out, "squiggle_bytes_in_total", "WebSocket payload bytes received.", bytes_in.load());
    counter(out, "squiggle_bytes_out_total", "WebSocket payload bytes sent.", bytes_out.load());
    counter(out, "squiggle_ephemeral_coalesced_total",
            "Cursor, presence and viewport updates replaced by newer ones before being sent.",
            ephemeral_coalesced.load());
    counter(out, "squiggle_snapshots_sent_total", "Board snapshots sent to clients behind the log.",
            snapshots_sent.load());
    counter(out, "squiggle_slow_client_disconnects_total", "Connections closed for not reading.",
            slow_disconnects.load());
    gauge(out, "squiggle_redis_up", "1 while the shared Redis is reachable (0 without --redis).", redis_up.load());
    counter(out, "squiggle_redis_ops_recovered_total",
            "Ops that pub/sub did not deliver and were read from the board's stream instead.",
            redis_ops_recovered.load());
    counter(out, "squiggle_redis_snapshots_stored_total", "Board snapshots this process stored in Redis.",
            redis_snapshots_stored.load());
    counter(out, "squiggle_compactions_total", "Snapshots written and logs compacted.", compactions.load());
    out += "# HELP squiggle_rejected_total Messages refused, by reason.\n# TYPE squiggle_rejected_total counter\n";
    for (std::size_t i = 1; i < rejected.size(); ++i) {
        const auto v = rejected[i].load(std::memory_order_relaxed);
        if (v != 0) out += "squiggle_rejected_total{reason=\"" + std::string(kErrorNames[i]) + "\"} " + std::to_string(v) + "\n";
    }
    append_latency.render(out, "squiggle_store_append_seconds", "Time to store one op (with fsync under --fsync always).");
    sync_latency.render(out, "squiggle_store_sync_seconds", "Time of one group-commit fsync (--fsync batch).");
    return out;
}

}  // namespace squiggle::server
