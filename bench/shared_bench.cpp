// Benchmarks of the shared core (shared/), built natively and as WebAssembly
// from the same source, so the two can be compared (scripts/bench.sh does).
//
// It measures and prints; it is not a test and asserts nothing about speed.
// Targets are shown beside each figure with whether this run met them. It
// exits non-zero only when the code under measurement misbehaves (a frame
// that does not decode, a snapshot that does not load, boards that disagree).
//
// Timing: std::chrono::steady_clock around the measured code only (building
// inputs and destroying boards happen outside the clock); one untimed warm-up
// run, then --runs timed runs, of which the median is reported.
//
//   squiggle_shared_bench [--runs N] [--quick] [--only SECTION]... [--json FILE]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "squiggle/board.hpp"
#include "squiggle/codec.hpp"
#include "squiggle/object_geometry.hpp"
#include "squiggle/protocol.hpp"
#include "squiggle/replay.hpp"
#include "squiggle/validate.hpp"
#include "test_ops.hpp"

namespace {

using namespace squiggle;
using Clock = std::chrono::steady_clock;

// ---- options -----------------------------------------------------------------

constexpr std::array<const char*, 4> kSectionNames = {"encode", "replay", "snapshot", "decode"};

struct Options {
    int runs = 5;
    bool quick = false;  // a tenth of every workload: a smoke run, not figures to quote
    std::string json_path;
    std::vector<std::string> only;  // sections to run; empty: all

    bool wants(const std::string& section) const {
        return only.empty() || std::find(only.begin(), only.end(), section) != only.end();
    }
};

void usage(std::FILE* out) {
    std::fprintf(out,
                 "usage: squiggle_shared_bench [--runs N] [--quick] [--only SECTION]... [--json FILE]\n"
                 "  --runs N          timed runs per measurement, median reported (default 5)\n"
                 "  --quick           a tenth of every workload (smoke run; figures not comparable)\n"
                 "  --only SECTION    run only this section (repeatable): encode, replay, snapshot,\n"
                 "                    decode; e.g. to profile one with perf or callgrind\n"
                 "  --json FILE       also write the figures as JSON to FILE\n");
}

std::optional<Options> parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            usage(stdout);
            std::exit(0);
        } else if (arg == "--quick") {
            o.quick = true;
        } else if (arg == "--runs" && i + 1 < argc) {
            o.runs = std::atoi(argv[++i]);
            if (o.runs < 1 || o.runs > 1000) {
                std::fprintf(stderr, "--runs wants a number from 1 to 1000\n");
                return std::nullopt;
            }
        } else if (arg == "--only" && i + 1 < argc) {
            const std::string section = argv[++i];
            if (std::find(kSectionNames.begin(), kSectionNames.end(), section) == kSectionNames.end()) {
                std::fprintf(stderr, "--only wants one of: encode, replay, snapshot, decode\n");
                return std::nullopt;
            }
            o.only.push_back(section);
        } else if (arg == "--json" && i + 1 < argc) {
            o.json_path = argv[++i];
        } else {
            std::fprintf(stderr, "unknown argument: %s\n", arg.c_str());
            usage(stderr);
            return std::nullopt;
        }
    }
    return o;
}

// ---- platform ------------------------------------------------------------------

#ifdef __EMSCRIPTEN__
constexpr bool kWasm = true;
constexpr const char* kPlatform = "wasm";
#else
constexpr bool kWasm = false;
constexpr const char* kPlatform = "native";
#endif

std::string compiler_name() {
#if defined(__EMSCRIPTEN__)
    std::string clang = __clang_version__;
    while (!clang.empty() && clang.back() == ' ') clang.pop_back();
    return "emscripten " + std::to_string(__EMSCRIPTEN_major__) + "." + std::to_string(__EMSCRIPTEN_minor__) + "." +
           std::to_string(__EMSCRIPTEN_tiny__) + " (clang " + clang + ")";
#elif defined(__clang__)
    return "clang " __clang_version__;
#elif defined(__GNUC__)
    return "gcc " __VERSION__;
#else
    return "unknown compiler";
#endif
}

constexpr const char* kBuild =
#ifdef NDEBUG
    "optimised (NDEBUG)";
#else
    "NOT optimised (assertions on): figures are not representative";
#endif

// ---- timing --------------------------------------------------------------------

struct Timing {
    std::vector<double> seconds;  // one per timed run

    double median() const {
        std::vector<double> s = seconds;
        std::sort(s.begin(), s.end());
        const std::size_t n = s.size();
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
    double min() const { return *std::min_element(seconds.begin(), seconds.end()); }
    double max() const { return *std::max_element(seconds.begin(), seconds.end()); }
};

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Calls prepare() (untimed) and then body(state) (timed) once as a warm-up and
// then `runs` times. The state is destroyed after the clock stopped.
template <class Prepare, class Body>
Timing time_runs(int runs, Prepare prepare, Body body) {
    Timing t;
    for (int i = -1; i < runs; ++i) {
        auto state = prepare();
        const Clock::time_point start = Clock::now();
        body(state);
        const double elapsed = seconds_since(start);
        if (i >= 0) t.seconds.push_back(elapsed);
    }
    return t;
}

// Keeps the compiler from dropping work whose result is otherwise unused.
volatile std::uint64_t g_sink = 0;

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "squiggle_shared_bench: %s\n", why.c_str());
    std::fflush(stdout);
    std::exit(2);
}

// ---- figures and their report ------------------------------------------------------

enum class Better { kLower, kHigher, kNone };

struct Figure {
    std::string section;
    std::string key;    // stable name for JSON and for comparing runs
    std::string label;  // what a reader sees
    double value = 0;
    std::string unit;
    Better better = Better::kNone;
    std::string target;       // empty: no target
    std::optional<bool> met;  // nullopt: no target, or not applicable on this platform
    bool compare = false;     // target: wasm within 2x of native (checked by scripts/bench.sh)
};

struct Section {
    std::string title;
    std::vector<std::string> notes;
};

std::vector<Section> g_sections;
std::vector<Figure> g_figures;

const Clock::time_point g_start = Clock::now();

void begin_section(const std::string& title) {
    g_sections.push_back({title, {}});
    std::printf("  [%5.1f s] %s\n", std::chrono::duration<double>(Clock::now() - g_start).count(), title.c_str());
    std::fflush(stdout);
}

void note(const std::string& text) { g_sections.back().notes.push_back(text); }

Figure& add(const std::string& key, const std::string& label, double value, const std::string& unit,
            Better better = Better::kNone) {
    Figure f;
    f.section = g_sections.back().title;
    f.key = key;
    f.label = label;
    f.value = value;
    f.unit = unit;
    f.better = better;
    g_figures.push_back(std::move(f));
    return g_figures.back();
}

std::string format(const char* fmt, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

// 12345678 -> "12.35 M"
std::string si(double v) {
    const double a = v < 0 ? -v : v;
    if (a >= 1e9) return format("%.2f G", v / 1e9);
    if (a >= 1e6) return format("%.2f M", v / 1e6);
    if (a >= 1e3) return format("%.2f k", v / 1e3);
    return format("%.2f ", v);
}

std::string human(const Figure& f) {
    if (f.unit == "ms") return format("%.1f ms", f.value);
    if (f.unit == "B/point") return format("%.2f B/point", f.value);
    if (f.unit == "B") return format("%.0f B", f.value);
    if (f.unit == "MB") return format("%.2f MB", f.value);
    if (f.unit == "MB/s") return format("%.1f MB/s", f.value);
    if (f.unit == "yes/no") return f.value != 0 ? "yes" : "NO";
    return si(f.value) + f.unit;
}

std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

void print_report(const Options& options) {
    std::printf("\nSquiggleSync shared core benchmark: %s, %s, %s\n", kPlatform, compiler_name().c_str(), kBuild);
    std::printf("median of %d timed runs after one warm-up%s\n", options.runs,
                options.quick ? "; --quick: a tenth of every workload (smoke run, do not quote)" : "");
    for (const Section& section : g_sections) {
        std::printf("\n== %s ==\n", section.title.c_str());
        for (const std::string& n : section.notes) std::printf("   %s\n", n.c_str());
        std::printf("   %s %s %s %s\n", pad("figure", 50).c_str(), pad("value", 18).c_str(), pad("target", 26).c_str(),
                    "met");
        for (const Figure& f : g_figures) {
            if (f.section != section.title) continue;
            std::string met = "";
            if (!f.target.empty()) met = f.met ? (*f.met ? "yes" : "NO") : "n/a (native target)";
            std::printf("   %s %s %s %s\n", pad(f.label, 50).c_str(), pad(human(f), 18).c_str(),
                        pad(f.target.empty() ? "-" : f.target, 26).c_str(), met.c_str());
        }
    }
    std::printf("\n");
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string json_number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

void write_json(const Options& options) {
    std::ofstream out(options.json_path, std::ios::binary | std::ios::trunc);
    if (!out) fail("cannot write " + options.json_path);
    out << "{\n  \"benchmark\": \"squiggle_shared_bench\",\n";
    out << "  \"platform\": " << json_string(kPlatform) << ",\n";
    out << "  \"compiler\": " << json_string(compiler_name()) << ",\n";
    out << "  \"build\": " << json_string(kBuild) << ",\n";
    out << "  \"runs\": " << options.runs << ",\n";
    out << "  \"quick\": " << (options.quick ? "true" : "false") << ",\n";
    out << "  \"sections\": [\n";
    for (std::size_t i = 0; i < g_sections.size(); ++i) {
        out << "    {\"title\": " << json_string(g_sections[i].title) << ", \"notes\": [";
        for (std::size_t j = 0; j < g_sections[i].notes.size(); ++j) {
            out << (j ? ", " : "") << json_string(g_sections[i].notes[j]);
        }
        out << "]}" << (i + 1 < g_sections.size() ? "," : "") << "\n";
    }
    out << "  ],\n  \"figures\": [\n";
    for (std::size_t i = 0; i < g_figures.size(); ++i) {
        const Figure& f = g_figures[i];
        out << "    {\"key\": " << json_string(f.key) << ", \"section\": " << json_string(f.section)
            << ", \"label\": " << json_string(f.label) << ", \"value\": " << json_number(f.value)
            << ", \"unit\": " << json_string(f.unit) << ", \"better\": "
            << (f.better == Better::kHigher ? "\"higher\"" : f.better == Better::kLower ? "\"lower\"" : "null")
            << ", \"target\": " << (f.target.empty() ? "null" : json_string(f.target))
            << ", \"met\": " << (f.met ? (*f.met ? "true" : "false") : "null")
            << ", \"compare\": " << (f.compare ? "true" : "false") << "}" << (i + 1 < g_figures.size() ? "," : "")
            << "\n";
    }
    out << "  ]\n}\n";
    if (!out.flush()) fail("cannot write " + options.json_path);
}

// ---- workloads -------------------------------------------------------------------------

constexpr std::size_t kAuthors = 50;
constexpr std::int64_t kStartTimeMs = 1700000000000;

// What people draw with: a small palette and a few pen widths (1/16 px units).
constexpr std::array<Rgba, 8> kPalette = {0x000000FF, 0x1F6FEBFF, 0xD1242FFF, 0x1A7F37FF,
                                          0xBF8700FF, 0x8250DFFF, 0x57606AFF, 0xFFFFFFFF};
constexpr std::array<std::uint32_t, 4> kWidths = {2 * kUnitsPerPixel, 3 * kUnitsPerPixel, 5 * kUnitsPerPixel,
                                                  12 * kUnitsPerPixel};

// The people on a board: random non-zero 64-bit author ids, as clients pick
// them, each with its own object and client-op counters.
struct Authors {
    std::vector<std::uint64_t> ids;
    std::vector<std::uint64_t> object_counters;
    std::vector<std::uint64_t> client_op_counters;

    Authors(std::size_t count, std::mt19937_64& rng)
        : object_counters(count, 0), client_op_counters(count, 0) {
        while (ids.size() < count) {
            const std::uint64_t id = rng();
            if (id != 0 && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
    }
};

// Two random streams: `shape` decides counts, authors and styles with raw
// mt19937_64 output only (the standard fixes that sequence), `path` feeds
// pen_path, whose distributions differ between libstdc++ (native) and libc++
// (wasm). So native and wasm runs draw the same number of strokes and points
// by the same authors; only the coordinates differ.
struct Streams {
    std::mt19937_64 shape;
    std::mt19937_64 path;
    explicit Streams(std::uint64_t seed) : shape(seed), path(seed ^ 0x9E3779B97F4A7C15ull) {}
};

StrokeOp pen_stroke(Streams& s, Authors& authors, std::size_t author_index, std::size_t points) {
    StrokeOp stroke;
    stroke.id = {authors.ids[author_index], ++authors.object_counters[author_index]};
    stroke.color = kPalette[s.shape() % kPalette.size()];
    stroke.width = kWidths[s.shape() % kWidths.size()];
    stroke.points = test::pen_path(s.path, points);
    return stroke;
}

std::size_t points_of(const Op& op) {
    if (const auto* s = std::get_if<StrokeOp>(&op)) return s->points.size();
    return 0;
}

std::size_t points_of(const std::vector<SequencedOp>& log) {
    std::size_t n = 0;
    for (const SequencedOp& op : log) n += points_of(op.op);
    return n;
}

// `count` freehand strokes of `min_points`..`max_points` points by kAuthors
// authors in random interleaving, as the server ordered them.
std::vector<SequencedOp> stroke_log(Streams& s, Authors& authors, std::size_t count, std::size_t min_points,
                                    std::size_t max_points) {
    std::vector<SequencedOp> log;
    log.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t a = s.shape() % authors.ids.size();
        const std::size_t n = min_points + s.shape() % (max_points - min_points + 1);
        StrokeOp stroke = pen_stroke(s, authors, a, n);
        const std::uint64_t seq = i + 1;
        log.push_back({seq, authors.ids[a], ++authors.client_op_counters[a],
                       kStartTimeMs + static_cast<std::int64_t>(seq) * 40, std::move(stroke)});
    }
    return log;
}

const char* kind_name(std::size_t index) {
    static const char* const names[] = {"stroke",    "shape", "text",  "erase", "partial erase",
                                        "transform", "style", "clear", "undo",  "redo"};
    return index < std::size(names) ? names[index] : "?";
}

std::string kind_mix(const std::vector<SequencedOp>& log) {
    std::array<std::size_t, std::variant_size_v<Op>> counts{};
    for (const SequencedOp& op : log) ++counts[op.op.index()];
    std::string text;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] == 0) continue;
        if (!text.empty()) text += ", ";
        text += std::string(kind_name(k)) + " " + format("%.1f%%", 100.0 * counts[k] / log.size());
    }
    return text;
}

std::string thousands(std::uint64_t v) {
    std::string digits = std::to_string(v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// ---- 1. encoded size ---------------------------------------------------------------------

struct Frames {
    std::vector<std::string> binary;
    std::vector<std::string> json;
    std::size_t points = 0;
    std::size_t binary_bytes = 0;
    std::size_t json_bytes = 0;
    std::size_t point_body_bytes = 0;  // the compact points alone (BoundedPoints body)
};

Frames submit_frames(const std::vector<SequencedOp>& log) {
    Frames f;
    for (const SequencedOp& op : log) {
        const ClientMessage message{SubmitOp{op.client_op_id, op.op}};
        f.binary.push_back(encode(message, FrameFormat::kBinary));
        f.json.push_back(encode(message, FrameFormat::kJson));
        f.binary_bytes += f.binary.back().size();
        f.json_bytes += f.json.back().size();
        const auto& stroke = std::get<StrokeOp>(op.op);
        f.points += stroke.points.size();
        std::string body;
        BoundedPoints::encode_points(stroke.points, body);
        f.point_body_bytes += body.size();
    }
    return f;
}

void size_figures(const std::string& key, const std::string& what, const Frames& f, std::size_t strokes) {
    const double per_point = static_cast<double>(f.binary_bytes) / static_cast<double>(f.points);
    Figure& bin = add("encode." + key + ".binary_bytes_per_point", "binary frame, " + what, per_point, "B/point",
                      Better::kLower);
    bin.target = "<= 4 B/point";
    bin.met = per_point <= 4.0;
    add("encode." + key + ".json_bytes_per_point", "JSON frame, " + what,
        static_cast<double>(f.json_bytes) / static_cast<double>(f.points), "B/point", Better::kLower);
    add("encode." + key + ".points_only_bytes_per_point", "  of which the points alone (binary)",
        static_cast<double>(f.point_body_bytes) / static_cast<double>(f.points), "B/point", Better::kLower);
    add("encode." + key + ".binary_overhead_per_frame", "  fixed binary bytes per frame besides points",
        static_cast<double>(f.binary_bytes - f.point_body_bytes) / static_cast<double>(strokes), "B",
        Better::kLower);
}

// ---- 3. tail ops after a snapshot ------------------------------------------------------------

// What people do on a full board after a snapshot: mostly draw, sometimes erase,
// move or restyle something, undo and redo. `board` is the board the tail
// starts from; the ops are applied to it as they are made, so it ends as the
// board that snapshot + tail must give.
std::vector<SequencedOp> tail_log(Board& board, Streams& s, Authors& authors, std::vector<ObjectId> live,
                                  std::size_t count) {
    std::vector<SequencedOp> log;
    auto pick = [&]() -> std::optional<ObjectId> {
        for (int attempt = 0; attempt < 16 && !live.empty(); ++attempt) {
            const std::size_t i = s.shape() % live.size();
            if (board.find(live[i]) != nullptr) return live[i];
            live[i] = live.back();  // erased: forget it
            live.pop_back();
        }
        return std::nullopt;
    };
    auto picks = [&](std::size_t max) {
        std::vector<ObjectId> ids;
        const std::size_t want = 1 + s.shape() % max;
        for (std::size_t i = 0; i < want; ++i) {
            if (auto id = pick(); id && std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
        }
        return ids;
    };
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t a = s.shape() % authors.ids.size();
        const std::uint64_t roll = s.shape() % 100;
        Op op = UndoOp{};
        if (roll < 70) {
            StrokeOp stroke = pen_stroke(s, authors, a, 10 + s.shape() % 21);
            live.push_back(stroke.id);
            op = std::move(stroke);
        } else if (roll < 78) {
            if (auto ids = picks(3); !ids.empty()) op = EraseOp{std::move(ids)};
        } else if (roll < 86) {
            if (auto ids = picks(3); !ids.empty()) {
                TransformOp t{ids, {}, static_cast<std::int32_t>(s.shape() % 4001) - 2000,
                              static_cast<std::int32_t>(s.shape() % 4001) - 2000, {}, TransformOp::kScaleOne};
                for (const ObjectId& id : ids) t.origins.push_back(anchor(*board.find(id)));
                t.pivot = t.origins.front();
                op = std::move(t);
            }
        } else if (roll < 92) {
            if (auto ids = picks(3); !ids.empty()) {
                op = StyleOp{std::move(ids), kPalette[s.shape() % kPalette.size()], std::nullopt, std::nullopt};
            }
        } else if (roll < 97) {
            op = UndoOp{};
        } else {
            op = RedoOp{};
        }
        const std::uint64_t seq = board.head_seq() + 1;
        SequencedOp sequenced{seq, authors.ids[a], ++authors.client_op_counters[a],
                              kStartTimeMs + static_cast<std::int64_t>(seq) * 40, std::move(op)};
        board.apply(sequenced);
        log.push_back(std::move(sequenced));
    }
    return log;
}

// ---- the benchmarks -----------------------------------------------------------------------------

struct Sizes {
    std::size_t short_strokes = 20000;
    std::size_t long_strokes = 1000;
    std::size_t replay_strokes = 100000;
    std::size_t mixed_ops = 50000;
    std::size_t tail_ops = 1000;
};

// Inputs of more than one section, built once.
struct EncodeWorkload {
    std::vector<SequencedOp> short_log;  // strokes of 10-30 points
    std::vector<SequencedOp> long_log;   // strokes of 200 points
    Frames short_frames;
    Frames long_frames;
};

struct StrokeWorkload {
    Streams streams{2};
    Authors authors{kAuthors, streams.shape};
    std::vector<SequencedOp> log;
    std::size_t points = 0;
};

EncodeWorkload encode_workload(const Sizes& sizes) {
    EncodeWorkload w;
    Streams streams(1);
    Authors authors(kAuthors, streams.shape);
    w.short_log = stroke_log(streams, authors, sizes.short_strokes, 10, 30);
    w.long_log = stroke_log(streams, authors, sizes.long_strokes, 200, 200);
    w.short_frames = submit_frames(w.short_log);
    w.long_frames = submit_frames(w.long_log);
    return w;
}

void bench_encoded_size(const EncodeWorkload& w) {
    begin_section("1. Encoded size of freehand strokes (SubmitOp frames, pen_path input)");
    note(thousands(w.short_log.size()) + " strokes of 10-30 points (" + thousands(w.short_frames.points) +
         " points) and " + thousands(w.long_log.size()) +
         " strokes of 200 points, pen_path (whole pixels, 1-12 px apart)");
    note("whole frames: encode(ClientMessage{SubmitOp}) / points; random 64-bit author ids, 8 colours, 4 widths");
    size_figures("short", "strokes of 10-30 points", w.short_frames, w.short_log.size());
    size_figures("long", "strokes of 200 points", w.long_frames, w.long_log.size());
    add("encode.short.binary_bytes_per_frame", "mean binary frame, strokes of 10-30 points",
        static_cast<double>(w.short_frames.binary_bytes) / static_cast<double>(w.short_log.size()), "B",
        Better::kLower);
    // The fixed bytes weigh most on the shortest strokes of the set.
    std::vector<SequencedOp> shortest;
    for (const SequencedOp& op : w.short_log) {
        if (points_of(op.op) == 10) shortest.push_back(op);
    }
    if (!shortest.empty()) {
        const Frames f = submit_frames(shortest);
        add("encode.ten.binary_bytes_per_point", "binary frame, the strokes of just 10 points",
            static_cast<double>(f.binary_bytes) / static_cast<double>(f.points), "B/point", Better::kLower);
    }
}

void bench_replay(const StrokeWorkload& w, const Sizes& sizes, int runs) {
    begin_section("2. Replay (Board::apply in seq order)");
    const Timing time = time_runs(
        runs, [] { return Board{}; },
        [&](Board& board) {
            if (!replay(board, w.log)) fail("stroke log did not replay in order");
            g_sink = board.head_seq();
        });
    double hash_seconds = 0;
    {
        Board board;
        replay(board, w.log);
        const Clock::time_point start = Clock::now();
        g_sink = board.state_hash();
        hash_seconds = seconds_since(start);
    }
    note("stroke log: " + thousands(w.log.size()) + " strokes, " + thousands(w.points) + " points (10-30 each), " +
         std::to_string(kAuthors) + " authors interleaved");
    const double t = time.median();
    add("replay.strokes.ms", "stroke log: time", t * 1e3, "ms", Better::kLower);
    add("replay.strokes.ops_per_s", "stroke log: ops/s", static_cast<double>(w.log.size()) / t, "ops/s",
        Better::kHigher);
    Figure& pps = add("replay.strokes.points_per_s", "stroke log: points/s", static_cast<double>(w.points) / t,
                      "points/s", Better::kHigher);
    pps.target = ">= 10 M points/s (native)";
    if (!kWasm) pps.met = pps.value >= 10e6;
    pps.compare = true;
    add("replay.strokes.spread", "stroke log: slowest/fastest run", time.max() / time.min(), "x");
    add("replay.state_hash.ms", "state_hash() of that board (not in the above)", hash_seconds * 1e3, "ms",
        Better::kLower);

    // Every op kind, as test::random_op makes them; each author sees the
    // board up to date when it makes its op.
    Streams streams(3);
    Authors authors(kAuthors, streams.shape);
    std::vector<SequencedOp> mixed;
    {
        Board view;
        mixed.reserve(sizes.mixed_ops);
        for (std::size_t i = 0; i < sizes.mixed_ops; ++i) {
            const std::size_t a = streams.shape() % kAuthors;
            Op op = test::random_op(view, authors.ids[a], authors.object_counters[a], streams.path);
            SequencedOp sequenced{i + 1, authors.ids[a], ++authors.client_op_counters[a],
                                  kStartTimeMs + static_cast<std::int64_t>(i + 1) * 40, std::move(op)};
            view.apply(sequenced);
            mixed.push_back(std::move(sequenced));
        }
    }
    const std::size_t mixed_points = points_of(mixed);
    const Timing mixed_time = time_runs(
        runs, [] { return Board{}; },
        [&](Board& board) {
            if (!replay(board, mixed)) fail("mixed log did not replay in order");
            g_sink = board.head_seq();
        });
    note("mixed log (test::random_op, every op kind): " + thousands(mixed.size()) + " ops, " +
         thousands(mixed_points) + " stroke points; " + kind_mix(mixed));
    const double m = mixed_time.median();
    add("replay.mixed.ms", "mixed log: time", m * 1e3, "ms", Better::kLower);
    add("replay.mixed.ops_per_s", "mixed log: ops/s", static_cast<double>(mixed.size()) / m, "ops/s", Better::kHigher)
        .compare = true;
    add("replay.mixed.points_per_s", "mixed log: stroke points/s", static_cast<double>(mixed_points) / m, "points/s",
        Better::kHigher);
}

void bench_snapshot(StrokeWorkload& w, const Sizes& sizes, int runs) {
    begin_section("3. Late join: Board::from_snapshot + replay of the tail");
    Board full;
    replay(full, w.log);
    const std::size_t objects = full.object_count();
    std::size_t history_actions = 0;
    for (const std::uint64_t author : w.authors.ids) history_actions += full.undo_depth(author);

    std::string snapshot;
    const Timing snapshot_time = time_runs(
        runs, [] { return 0; }, [&](int&) { snapshot = full.snapshot(); });

    // `full` goes on with the tail: it becomes the board a full replay gives.
    std::vector<ObjectId> live;
    live.reserve(w.log.size());
    for (const SequencedOp& op : w.log) live.push_back(std::get<StrokeOp>(op.op).id);
    const auto tail = tail_log(full, w.streams, w.authors, std::move(live), sizes.tail_ops);
    const std::uint64_t expected_hash = full.state_hash();

    std::vector<double> from_snapshot_runs;
    std::vector<double> tail_runs;
    const Timing load_time = time_runs(
        runs, [] { return std::optional<Board>{}; },
        [&](std::optional<Board>& board) {
            const Clock::time_point start = Clock::now();
            board = Board::from_snapshot(snapshot);
            const double loaded = seconds_since(start);
            if (!board) fail("snapshot did not load");
            if (!replay(*board, tail)) fail("tail did not replay in order");
            from_snapshot_runs.push_back(loaded);
            tail_runs.push_back(seconds_since(start) - loaded);
        });
    // The first of the split timings is the warm-up's.
    from_snapshot_runs.erase(from_snapshot_runs.begin());
    tail_runs.erase(tail_runs.begin());
    std::uint64_t loaded_hash = 0;
    {
        std::optional<Board> board = Board::from_snapshot(snapshot);
        if (!board || !replay(*board, tail)) fail("snapshot + tail did not load");
        loaded_hash = board->state_hash();
    }

    note("board: the stroke log of section 2, " + thousands(objects) + " objects, " + thousands(w.points) +
         " points, " + std::to_string(kAuthors) + " authors");
    note("undo history: " + std::to_string(kAuthors) + " authors x up to " + std::to_string(limits::kMaxUndoDepth) +
         " actions = " + thousands(history_actions) + " actions in the snapshot, each holding a copy of its stroke");
    note("tail: " + thousands(tail.size()) + " ops (" + kind_mix(tail) + ")");
    add("snapshot.mb", "snapshot size", static_cast<double>(snapshot.size()) / 1e6, "MB", Better::kLower);
    add("snapshot.bytes_per_point", "snapshot bytes per board point",
        static_cast<double>(snapshot.size()) / static_cast<double>(w.points), "B/point", Better::kLower);
    add("snapshot.create_ms", "Board::snapshot()", snapshot_time.median() * 1e3, "ms", Better::kLower);
    add("snapshot.from_snapshot_ms", "  Board::from_snapshot()", Timing{from_snapshot_runs}.median() * 1e3, "ms",
        Better::kLower);
    add("snapshot.tail_ms", "  replay of the tail", Timing{tail_runs}.median() * 1e3, "ms", Better::kLower);
    Figure& load = add("snapshot.load_ms", "snapshot load + tail replay", load_time.median() * 1e3, "ms",
                       Better::kLower);
    load.target = "< 200 ms (native)";
    if (!kWasm) load.met = load.value < 200;
    const bool same = loaded_hash == expected_hash;
    add("snapshot.consistent", "same state hash as a full replay", same ? 1 : 0, "yes/no");
    if (!same) fail("snapshot + tail gave a different board than a full replay");
}

// Decodes the first `count` frames `passes` times; returns the points seen
// (checked, and kept from the optimiser).
std::uint64_t decode_all(const std::vector<std::string>& frames, std::size_t count, FrameFormat format, int passes,
                         bool validated) {
    std::uint64_t points = 0;
    for (int p = 0; p < passes; ++p) {
        for (std::size_t i = 0; i < count; ++i) {
            auto decoded = decode_client(frames[i], format);
            const auto* submit = std::get_if<SubmitOp>(std::get_if<ClientMessage>(&decoded));
            if (submit == nullptr) fail("a frame did not decode to a SubmitOp");
            if (validated && validate(submit->op)) fail("a decoded op did not validate");
            points += points_of(submit->op);
        }
    }
    return points;
}

void measure_decode(const std::string& key, const std::string& what, const Frames& frames, FrameFormat format,
                    bool validated, bool with_points, int runs) {
    constexpr double kRunSeconds = 0.2;
    const auto& list = format == FrameFormat::kBinary ? frames.binary : frames.json;
    // Size each run to about kRunSeconds: repeat all frames when they are
    // quick, take only the first ones when they are slow (JSON under wasm).
    const std::size_t sample = std::min<std::size_t>(list.size(), 500);
    const Clock::time_point start = Clock::now();
    decode_all(list, sample, format, 1, validated);
    const double per_frame = std::max(seconds_since(start), 1e-9) / static_cast<double>(sample);
    std::size_t count = list.size();
    int passes = 1;
    if (per_frame * static_cast<double>(list.size()) <= kRunSeconds) {
        passes = std::clamp(static_cast<int>(kRunSeconds / (per_frame * static_cast<double>(list.size()))), 1, 1000);
    } else {
        count = std::clamp<std::size_t>(static_cast<std::size_t>(kRunSeconds / per_frame), sample, list.size());
    }
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < count; ++i) bytes += list[i].size();

    std::optional<std::uint64_t> expected_points;  // from the warm-up run
    const Timing t = time_runs(
        runs, [] { return 0; },
        [&](int&) {
            const std::uint64_t points = decode_all(list, count, format, passes, validated);
            if (!expected_points) expected_points = points;
            if (points != *expected_points) fail("decoding the same frames gave different points");
            g_sink = points;
        });
    const double frames_done = static_cast<double>(count) * passes;
    const double s = t.median();
    add("decode." + key + ".frames_per_s", what + ": frames/s", frames_done / s, "frames/s", Better::kHigher);
    add("decode." + key + ".mb_per_s", what + ": MB/s", static_cast<double>(bytes) * passes / s / 1e6, "MB/s",
        Better::kHigher);
    if (with_points) {
        add("decode." + key + ".points_per_s", what + ": points/s", static_cast<double>(*expected_points) / s,
            "points/s", Better::kHigher);
    }
}

void bench_decode(const EncodeWorkload& w, int runs) {
    begin_section("4. Decoding binary frames (the server's hot path)");
    note("the SubmitOp frames of section 1; each run decodes them (or, when slow, the first of them) for about 0.2 s");
    measure_decode("binary_short", "binary, 10-30 points", w.short_frames, FrameFormat::kBinary, false, true, runs);
    measure_decode("binary_long", "binary, 200 points", w.long_frames, FrameFormat::kBinary, false, true, runs);
    measure_decode("binary_short_validated", "binary + validate(), 10-30 points", w.short_frames,
                   FrameFormat::kBinary, true, false, runs);
    measure_decode("json_short", "JSON, 10-30 points (for comparison)", w.short_frames, FrameFormat::kJson, false,
                   false, runs);

    // The other half of the server's work per op: one OpEvent frame for the fan-out.
    const Timing t = time_runs(
        runs, [] { return 0; },
        [&](int&) {
            std::uint64_t bytes = 0;
            for (const SequencedOp& op : w.short_log) {
                bytes += encode(ServerMessage{OpEvent{op}}, FrameFormat::kBinary).size();
            }
            g_sink = bytes;
        });
    add("encode.opevent_binary_short.frames_per_s", "encode OpEvent (fan-out), 10-30 points",
        static_cast<double>(w.short_log.size()) / t.median(), "frames/s", Better::kHigher);
}

void run(const Options& options) {
    Sizes sizes;
    if (options.quick) {
        sizes.short_strokes /= 10;
        sizes.long_strokes /= 10;
        sizes.replay_strokes /= 10;
        sizes.mixed_ops /= 10;
        sizes.tail_ops /= 10;
    }
    std::printf("squiggle_shared_bench (%s): building workloads and measuring...\n", kPlatform);
    std::fflush(stdout);

    // The big boards first, on a fresh heap, and their inputs freed before
    // the frames are made: what one section leaves on the heap would
    // otherwise move the next one's figures. The report keeps the numbering.
    if (options.wants("replay") || options.wants("snapshot")) {
        StrokeWorkload w;
        w.log = stroke_log(w.streams, w.authors, sizes.replay_strokes, 10, 30);
        w.points = points_of(w.log);
        if (options.wants("replay")) bench_replay(w, sizes, options.runs);
        if (options.wants("snapshot")) bench_snapshot(w, sizes, options.runs);
    }
    if (options.wants("encode") || options.wants("decode")) {
        const EncodeWorkload w = encode_workload(sizes);
        if (options.wants("encode")) bench_encoded_size(w);
        if (options.wants("decode")) bench_decode(w, options.runs);
    }
    // Sections are numbered in their titles.
    std::stable_sort(g_sections.begin(), g_sections.end(),
                     [](const Section& a, const Section& b) { return a.title < b.title; });
    std::stable_sort(g_figures.begin(), g_figures.end(),
                     [](const Figure& a, const Figure& b) { return a.section < b.section; });

    std::printf("  [%5.1f s] done\n", seconds_since(g_start));
}

}  // namespace

int main(int argc, char** argv) {
    const auto options = parse_options(argc, argv);
    if (!options) return 1;
    run(*options);
    print_report(*options);
    if (!options->json_path.empty()) {
        write_json(*options);
        std::printf("figures written to %s\n", options->json_path.c_str());
    }
    return 0;
}
