// Running the server: metrics, health, origin checks, shutdown, help.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include "http_get.hpp"
#include "server_process.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

TEST_CASE("/healthz and /metrics answer, and metrics count what happened") {
    TempDir dir;
    ServerProcess server(dir.path());
    CHECK(http_get(server.port(), "/healthz").body() == "ok\n");
    const std::string board = random_board_id();
    WsTestClient c(server.port());
    c.join(board, 1);
    c.send(ClientMessage{SubmitOp{1, stroke(1, 1)}});
    c.expect<OpEvent>();
    c.send_raw("\xFF", false);
    c.expect<Error>();
    const auto res = http_get(server.port(), "/metrics");
    CHECK(res.result_int() == 200);
    CHECK(std::string(res[boost::beast::http::field::content_type]).find("text/plain") == 0);
    const std::string& m = res.body();
    CHECK(m.find("squiggle_connections 1\n") != std::string::npos);
    CHECK(m.find("squiggle_boards_open 1\n") != std::string::npos);
    CHECK(m.find("squiggle_ops_in_total 1\n") != std::string::npos);
    CHECK(m.find("squiggle_ops_out_total 1\n") != std::string::npos);
    CHECK(m.find("squiggle_rejected_total{reason=\"malformed_frame\"} 1\n") != std::string::npos);
    CHECK(m.find("squiggle_store_append_seconds_count 1\n") != std::string::npos);
    CHECK(m.find("# TYPE squiggle_store_append_seconds histogram") != std::string::npos);
}

TEST_CASE("with an origin allowlist, other origins cannot open a WebSocket") {
    TempDir dir;
    ServerProcess server(dir.path(), {"--allowed-origin", "https://board.example"});
    CHECK_THROWS(WsTestClient(server.port(), "/ws", std::chrono::seconds(5), "https://evil.example"));
    WsTestClient ok(server.port(), "/ws", std::chrono::seconds(5), "https://board.example");
    CHECK(ok.join(random_board_id(), 1).head_seq == 0);
    // Without an allowlist any origin is accepted (a page hosted elsewhere).
    ServerProcess open_server(dir.path());
    WsTestClient any(open_server.port(), "/ws", std::chrono::seconds(5), "https://elsewhere.example");
    CHECK(any.join(random_board_id(), 1).head_seq == 0);
}

TEST_CASE("SIGTERM closes every session with going-away, keeps every op, and exits 0") {
    TempDir dir;
    const std::string board = random_board_id();
    std::uint64_t head = 0;
    {
        ServerProcess server(dir.path(), {"--fsync", "batch"});
        WsTestClient a(server.port()), b(server.port());
        a.join(board, 1);
        b.join(board, 2);
        for (std::uint64_t n = 1; n <= 20; ++n) a.send(ClientMessage{SubmitOp{n, stroke(1, n)}});
        for (std::uint64_t seen = 0; seen < 20;) seen = b.expect<OpEvent>().op.seq;
        head = 20;
        ::kill(server.pid(), SIGTERM);
        // Clients are told why, then closed with 1001.
        const Error e = b.expect<Error>();
        CHECK(e.code == ErrorCode::kShuttingDown);
        CHECK(b.wait_for_close() == std::optional<std::uint16_t>(1001));
        const int status = server.stop();
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    ServerProcess restarted(dir.path());
    WsTestClient c(restarted.port());
    CHECK(c.join(board, 3).head_seq == head);
}

TEST_CASE("--help explains every option") {
    FILE* p = ::popen((std::string(SQUIGGLE_SERVER_BINARY) + " --help").c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    CHECK(WEXITSTATUS(::pclose(p)) == 0);
    for (const char* option : {"--port", "PORT", "--data-dir", "--web-root", "--threads", "--fsync", "batch",
                               "--snapshot-every", "--op-rate", "--op-burst", "--cursor-rate", "--max-frame-bytes",
                               "--allowed-origin", "--idle-timeout", "--redis", "SQUIGGLE_REDIS"}) {
        INFO(option);
        CHECK(out.find(option) != std::string::npos);
    }
}

TEST_CASE("a --redis value that is not a redis:// URL is refused at start, with the reason") {
    for (const char* bad : {"http://127.0.0.1:6379", "redis://", "redis://host:0", "redis://host:99999", "redis://h:1/x"}) {
        INFO(bad);
        const std::string command = std::string(SQUIGGLE_SERVER_BINARY) + " --port 0 --redis '" + bad + "' 2>&1";
        FILE* p = ::popen(command.c_str(), "r");
        REQUIRE(p);
        std::string out;
        char buf[4096];
        while (std::fgets(buf, sizeof buf, p)) out += buf;
        CHECK(WEXITSTATUS(::pclose(p)) == 2);
        CHECK(out.find("--redis") != std::string::npos);
        CHECK(out.find("listening") == std::string::npos);
    }
}
