#include "report.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace loadgen {

namespace {

double per(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0; }

double rss_per_connection_bytes(const RunResults& r) {
    return per((static_cast<double>(r.rss_after_kb) - static_cast<double>(r.idle_rss_start_kb)) * 1024.0,
               static_cast<double>(r.connections));
}

}  // namespace

void print_summary(const Options& o, const RunResults& r) {
    if (r.idle) {
        std::printf("== %s: %zu idle connections over %u boards ==\n", o.label.c_str(), r.connections, o.boards);
        std::printf("joined            %llu of %llu%s\n", static_cast<unsigned long long>(r.delivered),
                    static_cast<unsigned long long>(r.expected), r.drained ? "" : "  (INCOMPLETE)");
        if (r.proc_ok) {
            std::printf("server RSS        %.1f MiB before, %.1f MiB with them\n", r.idle_rss_start_kb / 1024.0,
                        r.rss_after_kb / 1024.0);
            std::printf("RSS / connection  %.0f bytes\n", rss_per_connection_bytes(r));
        }
        return;
    }
    std::printf("== %s: %u boards x %u clients, %u drawing at %.1f ops/s (+%.0f cursors/s) ==\n", o.label.c_str(),
                o.boards, o.clients, o.drawers, o.rate, o.cursor_rate);
    std::printf("ops sent          %llu (%llu in the %.1f s window: %.1f ops/s)\n",
                static_cast<unsigned long long>(r.ops_sent), static_cast<unsigned long long>(r.ops_sent_window),
                r.window_s, per(static_cast<double>(r.ops_sent_window), r.window_s));
    std::printf("deliveries/s      %.0f (%.0f%% of what the ops sent call for)\n",
                per(static_cast<double>(r.deliveries_window), r.window_s), 100 * r.kept_up(o.clients));
    std::printf("latency ms        p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%zu samples)\n", r.latency.p50_ms,
                r.latency.p99_ms, r.latency.p999_ms, r.latency.max_ms, r.latency.samples);
    std::printf("order             %s: delivered %llu of %llu expected, %llu receivers incomplete, gaps %llu, "
                "duplicates %llu, unknown %llu, snapshots %llu, errors %llu, undecodable %llu, failed connections %llu%s\n",
                r.order_ok() ? "OK" : "FAILED", static_cast<unsigned long long>(r.delivered),
                static_cast<unsigned long long>(r.expected), static_cast<unsigned long long>(r.receivers_incomplete),
                static_cast<unsigned long long>(r.gaps), static_cast<unsigned long long>(r.duplicates),
                static_cast<unsigned long long>(r.unknown_ops), static_cast<unsigned long long>(r.snapshots),
                static_cast<unsigned long long>(r.errors), static_cast<unsigned long long>(r.undecodable),
                static_cast<unsigned long long>(r.failed_connections), r.drained ? "" : " (not drained in time)");
    if (r.proc_ok) {
        std::printf("server CPU        %.2f µs per delivery (%.1f%% of a core)\n",
                    per(static_cast<double>(r.server_cpu_us), static_cast<double>(r.deliveries_window)),
                    per(r.server_cpu_us / 1e4, r.window_s));
        std::printf("server RSS        %.1f MiB -> %.1f MiB\n", r.rss_before_kb / 1024.0, r.rss_after_kb / 1024.0);
    } else {
        std::printf("server CPU, RSS   not measured (no --server-pid)\n");
    }
    std::printf("generator CPU     %.0f%% of a core%s\n", per(r.loadgen_cpu_us / 1e4, r.window_s),
                per(r.loadgen_cpu_us / 1e4, r.window_s) > 90 ? "  (saturated: figures are the generator's limit)" : "");
    std::printf("wire bytes        %.1f per op sent, %.1f per op delivered, %.1f received per delivery (all "
                "traffic)\n",
                per(static_cast<double>(r.bytes_sent_ops), static_cast<double>(r.ops_sent_window)),
                per(static_cast<double>(r.bytes_received_ops), static_cast<double>(r.deliveries_window)),
                per(static_cast<double>(r.bytes_received), static_cast<double>(r.deliveries_window)));
}

void write_json(const Options& o, const RunResults& r, const std::string& file) {
    rapidjson::StringBuffer out;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(out);
    const auto num = [&](const char* key, double v) {
        w.Key(key);
        w.Double(v);
    };
    const auto u64 = [&](const char* key, std::uint64_t v) {
        w.Key(key);
        w.Uint64(v);
    };
    w.StartObject();
    w.Key("label");
    w.String(o.label.c_str());
    w.Key("peer");
    w.String(o.peer.c_str());
    w.Key("mode");
    w.String(r.idle ? "idle" : "load");
    u64("boards", o.boards);
    u64("connections", r.connections);
    w.Key("measured");
    w.Bool(r.proc_ok);
    if (r.idle) {
        u64("joined", r.delivered);
        u64("rss_start_kb", r.idle_rss_start_kb);
        u64("rss_after_kb", r.rss_after_kb);
        num("rss_per_connection_bytes", rss_per_connection_bytes(r));
        w.Key("complete");
        w.Bool(r.drained);
    } else {
        u64("clients_per_board", o.clients);
        u64("drawers_per_board", o.drawers);
        num("rate", o.rate);
        num("cursor_rate", o.cursor_rate);
        num("window_s", r.window_s);
        u64("ops_sent", r.ops_sent);
        u64("ops_sent_window", r.ops_sent_window);
        u64("deliveries_window", r.deliveries_window);
        num("deliveries_per_s", per(static_cast<double>(r.deliveries_window), r.window_s));
        num("kept_up", r.kept_up(o.clients));
        num("loadgen_cpu_percent", per(r.loadgen_cpu_us / 1e4, r.window_s));
        num("latency_p50_ms", r.latency.p50_ms);
        num("latency_p99_ms", r.latency.p99_ms);
        num("latency_p999_ms", r.latency.p999_ms);
        num("latency_max_ms", r.latency.max_ms);
        num("latency_mean_ms", r.latency.mean_ms);
        u64("latency_samples", r.latency.samples);
        w.Key("order_ok");
        w.Bool(r.order_ok());
        u64("expected", r.expected);
        u64("delivered", r.delivered);
        u64("receivers_incomplete", r.receivers_incomplete);
        u64("gaps", r.gaps);
        u64("duplicates", r.duplicates);
        u64("unknown_ops", r.unknown_ops);
        u64("snapshots", r.snapshots);
        u64("errors", r.errors);
        u64("undecodable", r.undecodable);
        u64("failed_connections", r.failed_connections);
        u64("server_cpu_us", r.server_cpu_us);
        num("cpu_us_per_delivery", per(static_cast<double>(r.server_cpu_us), static_cast<double>(r.deliveries_window)));
        u64("rss_before_kb", r.rss_before_kb);
        u64("rss_after_kb", r.rss_after_kb);
        num("bytes_per_op_sent", per(static_cast<double>(r.bytes_sent_ops), static_cast<double>(r.ops_sent_window)));
        num("bytes_per_op_delivered",
            per(static_cast<double>(r.bytes_received_ops), static_cast<double>(r.deliveries_window)));
        num("bytes_received_per_delivery",
            per(static_cast<double>(r.bytes_received), static_cast<double>(r.deliveries_window)));
    }
    w.EndObject();
    std::ofstream f(file);
    if (!f) throw std::runtime_error("cannot write " + file);
    f << out.GetString() << '\n';
}

}  // namespace loadgen
