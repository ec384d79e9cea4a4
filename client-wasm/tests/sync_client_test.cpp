// SyncClient against a scripted server: keys and roles, snapshots, the new
// error codes, an unwritable board, presence and the cursor throttle.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fakes.hpp"
#include "squiggle/board_id.hpp"
#include "sync_client.hpp"

using namespace squiggle;
using namespace squiggle::client;
using namespace squiggle::client::test;

namespace {

const std::string kBoard = board_id_from_bytes({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
const std::string kEditKey = board_id_from_bytes({9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
const std::string kViewKey = board_id_from_bytes({7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7});
constexpr std::uint64_t kMe = 0xA11CE;
constexpr std::uint64_t kOther = 0xB0B;

struct Harness {
    FakeTransport transport;
    ManualTimers timers;
    std::vector<std::pair<NoticeLevel, std::string>> notices;
    SyncClient sync;

    explicit Harness(std::string key = kEditKey, std::string name = "Ada")
        : sync(transport, timers, settings(std::move(key), std::move(name)),
               [this](NoticeLevel level, std::string text) { notices.emplace_back(level, std::move(text)); }) {}

    static SyncSettings settings(std::string key, std::string name) {
        SyncSettings s;
        s.server_url = "ws://127.0.0.1:1/ws";
        s.board_id = kBoard;
        s.key = std::move(key);
        s.author = kMe;
        s.name = std::move(name);
        s.color = 0x1C7ED6FF;
        return s;
    }

    // Connects and answers Hello with a Welcome.
    void join(Role role = Role::kEditor, std::uint64_t head_seq = 0, std::string view_key = kViewKey) {
        if (!transport.live()) sync.start();
        transport.accept();
        transport.deliver(Welcome{kBoard, kMe, head_seq, role, role == Role::kEditor ? view_key : ""});
    }

    bool told(const std::string& fragment) const {
        for (const auto& [level, text] : notices) {
            if (text.find(fragment) != std::string::npos) return true;
        }
        return false;
    }
};

SequencedOp sequenced(std::uint64_t seq, std::uint64_t author, std::uint64_t client_op_id, Op op) {
    return SequencedOp{seq, author, client_op_id, 0, std::move(op)};
}

}  // namespace

TEST_CASE("Hello carries the board, the link's key, the author and the display name") {
    Harness h;
    h.sync.start();
    h.transport.accept();
    const auto hellos = h.transport.sent_of<Hello>();
    REQUIRE(hellos.size() == 1);
    CHECK(hellos[0].board_id == kBoard);
    CHECK(hellos[0].key == kEditKey);
    CHECK(hellos[0].author == kMe);
    CHECK(hellos[0].name == "Ada");
    CHECK(hellos[0].last_seq == 0);
    CHECK_FALSE(h.sync.role().has_value());
}

TEST_CASE("A link without a usable key never connects and says so") {
    for (const std::string& key : {std::string(), std::string("not-a-key")}) {
        Harness h(key);
        h.sync.start();
        CHECK(h.transport.connects == 0);
        CHECK(h.sync.state() == ConnectionState::kOffline);
        CHECK(h.sync.refusal() == Refusal::kBadKey);
        CHECK(h.sync.refusal_text().find("key is wrong or missing") != std::string::npos);
        CHECK(h.told("key is wrong or missing"));
        h.timers.advance(60'000);
        CHECK(h.transport.connects == 0);
    }
}

TEST_CASE("A wrong key is refused for good: no retries, no role") {
    Harness h;
    h.sync.start();
    h.transport.accept();
    h.transport.deliver(Error{ErrorCode::kBadKey, "wrong key for this board", 0});
    CHECK(h.sync.state() == ConnectionState::kOffline);
    CHECK(h.sync.refusal() == Refusal::kBadKey);
    CHECK_FALSE(h.sync.role().has_value());
    CHECK(h.sync.edit_key().empty());
    CHECK(h.sync.view_key().empty());
    h.timers.advance(120'000);
    CHECK(h.transport.connects == 1);
}

TEST_CASE("An editor learns the view key and tells the others who it is") {
    Harness h;
    h.join(Role::kEditor);
    CHECK(h.sync.state() == ConnectionState::kConnected);
    REQUIRE(h.sync.role() == Role::kEditor);
    CHECK_FALSE(h.sync.read_only());
    CHECK(h.sync.edit_key() == kEditKey);
    CHECK(h.sync.view_key() == kViewKey);
    const auto presence = h.transport.sent_of<PresenceUpdate>();
    REQUIRE(presence.size() == 1);
    CHECK(presence[0].name == "Ada");
    CHECK(presence[0].color == 0x1C7ED6FFu);
    CHECK_FALSE(presence[0].idle);

    // Every Welcome is followed by the presence again.
    h.transport.hang_up();
    h.timers.advance(2'000);
    h.transport.accept();
    h.transport.deliver(Welcome{kBoard, kMe, 0, Role::kEditor, kViewKey});
    CHECK(h.transport.sent_of<PresenceUpdate>().size() == 2);
    CHECK(h.transport.sent_of<Hello>().back().key == kEditKey);
}

TEST_CASE("A viewer writes nothing: pending strokes are dropped and new ones refused") {
    Harness h(kViewKey);
    h.sync.start();
    // Drawn before the server said what this link is.
    h.sync.submit(stroke(kMe, 1));
    CHECK(h.sync.pending().size() == 1);
    h.transport.accept();
    h.transport.deliver(Welcome{kBoard, kMe, 0, Role::kViewer, ""});
    REQUIRE(h.sync.role() == Role::kViewer);
    CHECK(h.sync.read_only());
    CHECK(h.sync.pending().empty());
    CHECK(h.sync.edit_key().empty());
    CHECK(h.sync.view_key() == kViewKey);
    CHECK(h.sync.submit(stroke(kMe, 2)) == 0);
    CHECK(h.sync.pending().empty());
    CHECK(h.transport.sent_of<SubmitOp>().empty());
    CHECK(h.sync.ops_sent() == 0);
    // Viewers still appear to the others.
    CHECK(h.transport.sent_of<PresenceUpdate>().size() == 1);
}

TEST_CASE("A snapshot replaces the board; ops continue after it; pending ops are kept or confirmed") {
    // The server's board: others' strokes and one of ours (client op 1) up to
    // seq 4, compacted into a snapshot; then seq 5 and 6 in the log.
    Board server;
    server.apply(sequenced(1, kOther, 1, stroke(kOther, 1, 0)));
    server.apply(sequenced(2, kMe, 1, stroke(kMe, 1, 100)));
    server.apply(sequenced(3, kOther, 2, stroke(kOther, 2, 200)));
    server.apply(sequenced(4, kOther, 3, stroke(kOther, 3, 300)));
    const std::string snapshot = server.snapshot();
    const SequencedOp five = sequenced(5, kOther, 4, stroke(kOther, 4, 400));
    const SequencedOp six = sequenced(6, kOther, 5, stroke(kOther, 5, 500));
    server.apply(five);
    server.apply(six);

    Harness h;
    h.join(Role::kEditor, 0);
    // Our two strokes go out; the connection drops before any answer.
    h.sync.submit(stroke(kMe, 1, 100));
    h.sync.submit(stroke(kMe, 2, 600));
    CHECK(h.transport.sent_of<SubmitOp>().size() == 2);
    h.transport.hang_up();
    h.timers.advance(2'000);
    h.transport.accept();
    CHECK(h.transport.sent_of<Hello>().back().last_seq == 0);
    const std::uint64_t generation = h.sync.board_generation();
    h.transport.deliver(Welcome{kBoard, kMe, 6, Role::kEditor, kViewKey});
    h.transport.deliver(BoardSnapshot{4, snapshot});
    CHECK(h.sync.board_generation() == generation + 1);
    CHECK(h.sync.snapshots_loaded() == 1);
    CHECK(h.sync.board().head_seq() == 4);
    // Stroke 1 is in the snapshot: confirmed. Stroke 2 never arrived: pending.
    REQUIRE(h.sync.pending().size() == 1);
    CHECK(std::get<StrokeOp>(h.sync.pending().front().op).id.counter == 2);
    CHECK_FALSE(h.sync.caught_up());
    h.transport.deliver(OpEvent{five});
    h.transport.deliver(OpEvent{six});
    CHECK(h.sync.caught_up());
    CHECK(h.sync.board().head_seq() == 6);
    CHECK(h.sync.board().state_hash() == server.state_hash());
    // Only the unconfirmed stroke is sent again, after the catch-up.
    const auto submits = h.transport.sent_of<SubmitOp>();
    REQUIRE(submits.size() == 3);
    CHECK(std::get<StrokeOp>(submits.back().op).id.counter == 2);
}

TEST_CASE("Ops that arrive ahead of a snapshot's end are not lost") {
    Board server;
    server.apply(sequenced(1, kOther, 1, stroke(kOther, 1)));
    server.apply(sequenced(2, kOther, 2, stroke(kOther, 2, 50)));
    const std::string snapshot = server.snapshot();
    const SequencedOp three = sequenced(3, kOther, 3, stroke(kOther, 3, 90));
    server.apply(three);

    Harness h;
    h.join(Role::kEditor, 3);
    h.transport.deliver(BoardSnapshot{2, snapshot});
    h.transport.deliver(OpEvent{three});
    CHECK(h.sync.board().state_hash() == server.state_hash());
    CHECK(h.sync.caught_up());
}

TEST_CASE("An unreadable snapshot restarts from seq 0, and gives up after a few tries") {
    Harness h;
    h.join(Role::kEditor, 10);
    h.transport.deliver(BoardSnapshot{9, "definitely not a board"});
    CHECK_FALSE(h.transport.live());
    CHECK(h.sync.board().head_seq() == 0);
    CHECK(h.sync.state() == ConnectionState::kReconnecting);
    CHECK(h.told("could not read"));

    for (int attempt = 2; attempt <= 3; ++attempt) {
        h.timers.advance(2'000);
        REQUIRE(h.transport.live());
        h.transport.accept();
        CHECK(h.transport.sent_of<Hello>().back().last_seq == 0);
        h.transport.deliver(Welcome{kBoard, kMe, 10, Role::kEditor, kViewKey});
        h.transport.deliver(BoardSnapshot{9, "still not a board"});
    }
    CHECK(h.sync.state() == ConnectionState::kOffline);
    CHECK(h.sync.refusal() == Refusal::kOther);
    const int connects = h.transport.connects;
    h.timers.advance(120'000);
    CHECK(h.transport.connects == connects);
}

TEST_CASE("A pending op older than one the server ordered is not resent: its refusal was lost") {
    Harness h;
    h.join();
    const std::uint64_t first = h.sync.submit(stroke(kMe, 1));
    const std::uint64_t second = h.sync.submit(stroke(kMe, 2, 40));
    // The server refused the first (the Error never arrived) and ordered the second.
    h.transport.hang_up();
    h.timers.advance(2'000);
    h.transport.accept();
    h.transport.deliver(Welcome{kBoard, kMe, 1, Role::kEditor, kViewKey});
    h.transport.deliver(OpEvent{sequenced(1, kMe, second, stroke(kMe, 2, 40))});
    CHECK(h.sync.caught_up());
    CHECK(h.sync.pending().empty());
    const auto submits = h.transport.sent_of<SubmitOp>();
    REQUIRE(submits.size() == 2);  // nothing resent
    CHECK(submits[0].client_op_id == first);
    CHECK(h.told("refused 1 stroke"));
}

TEST_CASE("A rate-limited stroke is dropped from pending and the user is told") {
    Harness h;
    h.join();
    const std::uint64_t id = h.sync.submit(stroke(kMe, 1));
    h.sync.submit(stroke(kMe, 2, 40));
    h.transport.deliver(Error{ErrorCode::kRateLimited, "slow down", id});
    REQUIRE(h.sync.pending().size() == 1);
    CHECK(std::get<StrokeOp>(h.sync.pending().front().op).id.counter == 2);
    CHECK(h.told("too fast"));
    CHECK(h.sync.state() == ConnectionState::kConnected);
}

TEST_CASE("A stroke refused as unavailable stays pending and goes out again, under a new id, once writable") {
    Harness h;
    h.join();
    const std::uint64_t refused = h.sync.submit(stroke(kMe, 1, 40));
    h.transport.deliver(Error{ErrorCode::kUnavailable, "storage unreachable", refused});
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    CHECK_FALSE(h.sync.writable());
    REQUIRE(h.sync.pending().size() == 1);
    CHECK(std::get<StrokeOp>(h.sync.pending().front().op).id.counter == 1);
    // However long the outage lasts, nothing is sent into it.
    h.timers.advance(60'000);
    CHECK(h.transport.sent_of<SubmitOp>().size() == 1);
    CHECK(h.sync.state() == ConnectionState::kConnected);

    h.transport.deliver(ServiceStatus{true, ""});
    CHECK(h.sync.writable());
    const auto submits = h.transport.sent_of<SubmitOp>();
    REQUIRE(submits.size() == 2);
    // The server ignores ids it has seen ordered: a resend needs a new one.
    CHECK(submits[1].client_op_id > refused);
    CHECK(submits[1].op == submits[0].op);
    REQUIRE(h.sync.pending().size() == 1);
    CHECK(h.sync.pending().front().client_op_id == submits[1].client_op_id);
    // Its acknowledgement carries the new id and confirms it.
    h.transport.deliver(OpEvent{sequenced(1, kMe, submits[1].client_op_id, submits[1].op)});
    CHECK(h.sync.pending().empty());
    CHECK(h.sync.board().object_count() == 1);
}

TEST_CASE("Strokes drawn while the board is not writable are held, then sent in order after refused ones") {
    Harness h;
    h.join();
    const std::uint64_t refused = h.sync.submit(stroke(kMe, 1));
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    h.transport.deliver(Error{ErrorCode::kUnavailable, "storage unreachable", refused});
    const std::uint64_t held_a = h.sync.submit(stroke(kMe, 2, 40));
    const std::uint64_t held_b = h.sync.submit(stroke(kMe, 3, 80));
    CHECK(held_a != 0);
    CHECK(held_b != 0);
    // Only the first ever went out; the other two wait, drawn as pending.
    CHECK(h.transport.sent_of<SubmitOp>().size() == 1);
    CHECK(h.sync.pending().size() == 3);

    h.transport.deliver(ServiceStatus{true, ""});
    const auto submits = h.transport.sent_of<SubmitOp>();
    REQUIRE(submits.size() == 4);
    // Oldest first, each under an id above every one used before.
    std::uint64_t previous = held_b;
    for (std::size_t i = 1; i < submits.size(); ++i) {
        CHECK(std::get<StrokeOp>(submits[i].op).id.counter == i);
        CHECK(submits[i].client_op_id > previous);
        previous = submits[i].client_op_id;
    }
    // Acknowledged in that order, they confirm every pending stroke.
    for (std::size_t i = 1; i < submits.size(); ++i) {
        h.transport.deliver(OpEvent{sequenced(i, kMe, submits[i].client_op_id, submits[i].op)});
    }
    CHECK(h.sync.pending().empty());
    CHECK(h.sync.board().object_count() == 3);
}

TEST_CASE("Other refusals still drop the stroke, and a resume does not bring it back") {
    Harness h;
    h.join();
    const std::uint64_t invalid = h.sync.submit(stroke(kMe, 1));
    h.sync.submit(stroke(kMe, 2, 40));
    h.transport.deliver(Error{ErrorCode::kInvalidOp, "too many points", invalid});
    REQUIRE(h.sync.pending().size() == 1);
    CHECK(std::get<StrokeOp>(h.sync.pending().front().op).id.counter == 2);
    CHECK(h.told("refused a stroke"));
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    h.transport.deliver(ServiceStatus{true, ""});
    // The one still pending was sent and is in flight: nothing goes out again.
    CHECK(h.transport.sent_of<SubmitOp>().size() == 2);
    CHECK(h.sync.pending().size() == 1);
}

TEST_CASE("The user is told when saving pauses and when it resumes") {
    Harness h;
    h.join();
    h.sync.submit(stroke(kMe, 1));
    const std::size_t before = h.notices.size();
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    REQUIRE(h.notices.size() == before + 1);
    CHECK(h.notices.back().first == NoticeLevel::kError);
    CHECK(h.notices.back().second.find("Saving paused") != std::string::npos);
    CHECK(h.notices.back().second.find("redis unreachable") != std::string::npos);
    CHECK(h.notices.back().second.find("kept") != std::string::npos);
    CHECK(h.sync.unwritable_reason() == "redis unreachable");
    // The same news again is not news.
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    CHECK(h.notices.size() == before + 1);

    h.sync.submit(stroke(kMe, 2, 40));
    h.transport.deliver(ServiceStatus{true, ""});
    REQUIRE(h.notices.size() == before + 2);
    CHECK(h.notices.back().first == NoticeLevel::kInfo);
    CHECK(h.notices.back().second.find("Saving resumed") != std::string::npos);
    CHECK(h.notices.back().second.find("1 kept stroke") != std::string::npos);
    CHECK(h.sync.unwritable_reason().empty());
}

TEST_CASE("A viewer is not told about paused saving: it saves nothing anyway") {
    Harness h(kViewKey);
    h.join(Role::kViewer);
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    CHECK_FALSE(h.sync.writable());
    CHECK_FALSE(h.told("Saving paused"));
    h.transport.deliver(ServiceStatus{true, ""});
    CHECK(h.sync.writable());
    CHECK_FALSE(h.told("Saving resumed"));
}

TEST_CASE("A stroke refused as unavailable survives a reconnect after a newer one was ordered") {
    Harness h;
    h.join();
    const std::uint64_t refused = h.sync.submit(stroke(kMe, 1));
    h.transport.deliver(Error{ErrorCode::kUnavailable, "storage unreachable", refused});
    // Storage came back in between: the next stroke was ordered.
    const std::uint64_t ordered = h.sync.submit(stroke(kMe, 2, 40));
    h.transport.deliver(OpEvent{sequenced(1, kMe, ordered, stroke(kMe, 2, 40))});
    h.transport.hang_up();
    h.timers.advance(2'000);
    h.transport.accept();
    h.transport.deliver(Welcome{kBoard, kMe, 1, Role::kEditor, kViewKey});
    CHECK(h.sync.caught_up());
    // Not taken for an op whose refusal was lost: its refusal arrived.
    CHECK_FALSE(h.told("refused 1 stroke"));
    const auto submits = h.transport.sent_of<SubmitOp>();
    REQUIRE(submits.size() == 3);
    CHECK(std::get<StrokeOp>(submits[2].op).id.counter == 1);
    // Under its old id the server would ignore it as already ordered.
    CHECK(submits[2].client_op_id > ordered);
    REQUIRE(h.sync.pending().size() == 1);
    CHECK(h.sync.pending().front().client_op_id == submits[2].client_op_id);
}

TEST_CASE("A reconnect resets writability; a status right after Welcome holds back the resends") {
    Harness h;
    h.join();
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    const std::uint64_t held = h.sync.submit(stroke(kMe, 1));
    CHECK(h.transport.sent_of<SubmitOp>().empty());
    h.transport.hang_up();
    h.timers.advance(2'000);
    h.transport.accept();
    // The board is still unwritable: the server says so right after Welcome,
    // before the history is through.
    h.transport.deliver(Welcome{kBoard, kMe, 1, Role::kEditor, kViewKey});
    CHECK(h.sync.writable());
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    CHECK_FALSE(h.sync.writable());
    h.transport.deliver(OpEvent{sequenced(1, kOther, 1, stroke(kOther, 1))});
    CHECK(h.sync.caught_up());
    CHECK(h.transport.sent_of<SubmitOp>().empty());
    CHECK(h.sync.pending().size() == 1);

    // Back again while disconnected: the next connection sends it at once.
    h.transport.hang_up();
    h.timers.advance(2'000);
    h.transport.accept();
    h.transport.deliver(Welcome{kBoard, kMe, 1, Role::kEditor, kViewKey});
    CHECK(h.sync.writable());
    const auto submits = h.transport.sent_of<SubmitOp>();
    REQUIRE(submits.size() == 1);
    CHECK(std::get<StrokeOp>(submits[0].op).id.counter == 1);
    CHECK(submits[0].client_op_id > held);
}

TEST_CASE("A stroke refused as unavailable while no status says so is retried after a while") {
    Harness h;
    h.join();
    const std::uint64_t refused = h.sync.submit(stroke(kMe, 1));
    // The refusal crossed the status saying storage is back (or came first).
    h.transport.deliver(Error{ErrorCode::kUnavailable, "storage unreachable", refused});
    CHECK(h.sync.writable());
    CHECK(h.sync.pending().size() == 1);
    h.timers.advance(4'000);
    CHECK(h.transport.sent_of<SubmitOp>().size() == 1);
    h.timers.advance(2'000);
    const auto submits = h.transport.sent_of<SubmitOp>();
    REQUIRE(submits.size() == 2);
    CHECK(submits[1].client_op_id > refused);
    CHECK(submits[1].op == submits[0].op);

    // Refused again, then the status arrives: it is the status that decides.
    h.transport.deliver(Error{ErrorCode::kUnavailable, "storage unreachable", submits[1].client_op_id});
    h.transport.deliver(ServiceStatus{false, "redis unreachable"});
    h.timers.advance(60'000);
    CHECK(h.transport.sent_of<SubmitOp>().size() == 2);
}

TEST_CASE("A server that shuts down is reconnected to with the usual backoff") {
    Harness h;
    h.join();
    h.transport.deliver(Error{ErrorCode::kShuttingDown, "restarting", 0});
    CHECK_FALSE(h.transport.live());
    CHECK(h.sync.state() == ConnectionState::kReconnecting);
    CHECK(h.sync.refusal() == Refusal::kNone);
    CHECK(h.transport.connects == 1);
    h.timers.advance(1'000);
    CHECK(h.transport.connects == 2);
    h.transport.accept();
    h.transport.deliver(Welcome{kBoard, kMe, 0, Role::kEditor, kViewKey});
    CHECK(h.sync.state() == ConnectionState::kConnected);
}

TEST_CASE("Cursor positions are throttled, and the last one always goes out") {
    Harness h;
    h.join();
    for (int i = 0; i < 10; ++i) h.sync.move_cursor(Point{i * 16, 32});
    auto cursors = h.transport.sent_of<Cursor>();
    REQUIRE(cursors.size() == 1);
    CHECK(cursors[0].position == Point{0, 32});
    h.timers.advance(40);
    cursors = h.transport.sent_of<Cursor>();
    REQUIRE(cursors.size() == 2);
    CHECK(cursors[1].position == Point{9 * 16, 32});
    // Nothing new: nothing more is sent, and the timer stops.
    h.timers.advance(1'000);
    CHECK(h.transport.sent_of<Cursor>().size() == 2);
    // A second burst a while later starts with an immediate send again.
    h.sync.move_cursor(Point{1, 2});
    CHECK(h.transport.sent_of<Cursor>().size() == 3);

    // At most ~30 a second however fast the pointer moves.
    const std::size_t before = h.transport.sent_of<Cursor>().size();
    for (int ms = 0; ms < 1'000; ++ms) {
        h.sync.move_cursor(Point{ms, ms});
        h.timers.advance(1);
    }
    const std::size_t sent = h.transport.sent_of<Cursor>().size() - before;
    CHECK(sent >= 25);
    CHECK(sent <= 32);
}

TEST_CASE("The cursor waits for a connection and is re-sent after a reconnect") {
    Harness h;
    h.sync.start();
    h.sync.move_cursor(Point{5, 6});
    CHECK(h.transport.sent_of<Cursor>().empty());
    h.transport.accept();
    h.transport.deliver(Welcome{kBoard, kMe, 0, Role::kEditor, kViewKey});
    REQUIRE(h.transport.sent_of<Cursor>().size() == 1);
    h.transport.hang_up();
    h.timers.advance(2'000);
    h.transport.accept();
    h.transport.deliver(Welcome{kBoard, kMe, 0, Role::kEditor, kViewKey});
    CHECK(h.transport.sent_of<Cursor>().size() == 2);
}

TEST_CASE("Presence: name and colour changes and idleness are sent") {
    Harness h;
    h.join();
    h.sync.set_presence("Grace", 0xE03131FF);
    h.sync.set_idle(true);
    h.sync.set_idle(true);  // no change, nothing sent
    h.sync.set_idle(false);
    const auto sent = h.transport.sent_of<PresenceUpdate>();
    REQUIRE(sent.size() == 4);
    CHECK(sent[1].name == "Grace");
    CHECK(sent[1].color == 0xE03131FFu);
    CHECK(sent[2].idle);
    CHECK_FALSE(sent[3].idle);
    // A name too long for the server is cut at a character boundary.
    h.sync.set_presence(std::string(63, 'x') + "\xC3\xA9", 0xE03131FF);
    CHECK(h.transport.sent_of<PresenceUpdate>().back().name == std::string(63, 'x'));
}

TEST_CASE("Peers are tracked from the server's relays and forgotten on disconnect") {
    Harness h;
    h.join();
    const std::uint64_t revision = h.sync.peers_revision();
    h.transport.deliver(PeerPresence{kOther, "Bob", 0x37B24DFF, PeerState::kJoined});
    h.transport.deliver(PeerCursor{kOther, Point{160, 320}});
    REQUIRE(h.sync.peers().count(kOther) == 1);
    const Peer& bob = h.sync.peers().at(kOther);
    CHECK(bob.name == "Bob");
    CHECK(bob.color == 0x37B24DFFu);
    REQUIRE(bob.cursor.has_value());
    CHECK(*bob.cursor == Point{160, 320});
    CHECK(h.sync.peers_revision() > revision);
    h.transport.deliver(PeerPresence{kOther, "Bob", 0x37B24DFF, PeerState::kIdle});
    CHECK(h.sync.peers().at(kOther).state == PeerState::kIdle);
    h.transport.hang_up();
    CHECK(h.sync.peers().empty());
}

TEST_CASE("truncate_utf8 never splits a character") {
    CHECK(truncate_utf8("abc", 5) == "abc");
    CHECK(truncate_utf8("abcdef", 3) == "abc");
    CHECK(truncate_utf8("a\xE2\x82\xAC", 3) == "a");   // the euro sign needs 3 bytes
    CHECK(truncate_utf8("a\xE2\x82\xAC", 4) == "a\xE2\x82\xAC");
}

TEST_CASE("A batch of ops is applied as that many OpEvents: acknowledges, fills in order, ignores overlap") {
    Harness h;
    h.join();
    const std::uint64_t mine = h.sync.submit(stroke(kMe, 1));
    OpBatch batch;
    batch.ops.push_back(sequenced(1, kOther, 1, stroke(kOther, 1)));
    batch.ops.push_back(sequenced(2, kMe, mine, stroke(kMe, 1)));
    batch.ops.push_back(sequenced(3, kOther, 2, stroke(kOther, 2)));
    h.transport.deliver(batch);
    CHECK(h.sync.board().head_seq() == 3);
    CHECK(h.sync.pending().empty());  // seq 2 was the acknowledgement of mine
    // A batch overlapping what the client has adds only what is new.
    OpBatch overlap;
    overlap.ops.push_back(sequenced(3, kOther, 2, stroke(kOther, 2)));
    overlap.ops.push_back(sequenced(4, kOther, 3, stroke(kOther, 3)));
    h.transport.deliver(overlap);
    CHECK(h.sync.board().head_seq() == 4);
    CHECK(h.sync.board().object_count() == 4);
}
