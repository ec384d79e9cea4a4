// Edit and view links: keys decide the role; viewers cannot write.
#include <catch2/catch.hpp>

#include "server_process.hpp"
#include "squiggle/replay.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

TEST_CASE("the first visitor's key becomes the edit key; editors learn the view key") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient creator(server.port());
    const Welcome w = creator.join(board, 1);
    CHECK(w.role == Role::kEditor);
    REQUIRE(w.view_key.size() == 22);
    CHECK(w.view_key != kEditKey);
    // Another editor with the same link gets the same view key.
    WsTestClient second(server.port());
    CHECK(second.join(board, 2).view_key == w.view_key);
    // The keys survive a restart.
    server.stop();
    ServerProcess restarted(dir.path());
    WsTestClient later(restarted.port());
    const Welcome again = later.join(board, 3);
    CHECK(again.role == Role::kEditor);
    CHECK(again.view_key == w.view_key);
}

TEST_CASE("a viewer receives everything, and every write of theirs is refused") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient editor(server.port());
    const std::string view_key = editor.join(board, 1).view_key;
    editor.send(ClientMessage{SubmitOp{1, stroke(1, 1)}});
    editor.expect<OpEvent>();

    WsTestClient viewer(server.port());
    const Welcome w = viewer.join(board, 2, 0, view_key);
    CHECK(w.role == Role::kViewer);
    CHECK(w.view_key.empty());  // a view link cannot be turned into an edit link
    CHECK(viewer.expect<OpEvent>().op.seq == 1);

    const auto before = replay(read_history(server.port(), board, 9)).state_hash();
    for (const Op& op : std::vector<Op>{stroke(2, 1), EraseOp{{{1, 1}}}, ClearOp{}, UndoOp{}}) {
        viewer.send(ClientMessage{SubmitOp{7, op}});
        const Error e = viewer.expect<Error>();
        CHECK(e.code == ErrorCode::kReadOnly);
        CHECK(e.client_op_id == 7);
    }
    // The editor's next op is seq 2: nothing of the viewer's was ordered.
    editor.send(ClientMessage{SubmitOp{2, stroke(1, 2)}});
    CHECK(editor.expect<OpEvent>().op.seq == 2);
    CHECK(viewer.expect<OpEvent>().op.seq == 2);
    auto ops = read_history(server.port(), board, 10);
    ops.pop_back();
    CHECK(replay(ops).state_hash() == before);
}

TEST_CASE("a wrong or missing key is refused and closes the connection") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient(server.port()).join(board, 1);
    for (const std::string key : {"WWWWWWWWWWWWWWWWWWWWWA", ""}) {
        WsTestClient c(server.port());
        c.send(ClientMessage{Hello{board, 0, 2, "guess", key}});
        CHECK(c.expect<Error>().code == ErrorCode::kBadKey);
        CHECK(c.wait_for_close() == std::optional<std::uint16_t>(1008));
    }
    // A new board cannot be created without a key either.
    WsTestClient c(server.port());
    c.send(ClientMessage{Hello{random_board_id(), 0, 2, "x", ""}});
    CHECK(c.expect<Error>().code == ErrorCode::kBadKey);
    // A malformed key is refused before anything is looked up.
    WsTestClient d(server.port());
    d.send(ClientMessage{Hello{board, 0, 2, "x", "not a key"}});
    CHECK(d.expect<Error>().code == ErrorCode::kInvalidOp);
}
