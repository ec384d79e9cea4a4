#pragma once
// Wire messages between clients and the server. Each frame carries one
// Envelope: the protocol version, the oldest version it stays compatible with,
// and one message. docs/PROTOCOL.md documents every field.
#include <cereal/types/variant.hpp>
#include <cstdint>
#include <string>
#include <variant>

#include "squiggle/bounded_io.hpp"
#include "squiggle/limits.hpp"
#include "squiggle/op.hpp"

namespace squiggle {

inline constexpr std::uint16_t kProtocolVersion = 1;
inline constexpr std::uint16_t kMinCompatibleVersion = 1;

// ---- client -> server ------------------------------------------------------

// First message on a connection: which board, and the last sequence number the
// client already has (0 = nothing), so the server sends only what is missing.
// `author` is the client's random 64-bit author id (non-zero), kept across
// reconnects so ops drawn while offline keep their object ids.
// `key` is the secret from the board link: the edit key or the view key. The
// first Hello for a board nobody has opened yet makes its key the edit key.
struct Hello {
    std::string board_id;
    std::uint64_t last_seq = 0;
    std::uint64_t author = 0;
    std::string name;
    std::string key;

    template <class Archive>
    void serialize(Archive& ar) {
        bounded_string(ar, "boardId", board_id, limits::kMaxBoardIdLength);
        ar(cereal::make_nvp("lastSeq", last_seq), cereal::make_nvp("author", author));
        bounded_string(ar, "name", name, limits::kMaxNameLength);
        bounded_string(ar, "key", key, limits::kMaxBoardIdLength);
    }
};

// A new op. `client_op_id` is the client's own counter; the server echoes it so
// the author can match the acknowledgement to its pending op.
struct SubmitOp {
    std::uint64_t client_op_id = 0;
    Op op;

    template <class Archive>
    void serialize(Archive& ar) {
        varint_field(ar, "clientOpId", client_op_id);
        ar(cereal::make_nvp("op", op));
    }
};

// ---- ephemeral: relayed to the board, never logged, not in the state hash ----

// Where the sender's pointer is, in model units.
struct Cursor {
    Point position;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("position", position));
    }
};

// How the sender wants to appear to others.
struct PresenceUpdate {
    std::string name;
    Rgba color = 0x3366CCFF;
    bool idle = false;

    template <class Archive>
    void serialize(Archive& ar) {
        bounded_string(ar, "name", name, limits::kMaxNameLength);
        ar(cereal::make_nvp("color", color), cereal::make_nvp("idle", idle));
    }
};

// The part of the board the sender is looking at (for follow mode): the
// model point at the centre of the view and the zoom in 1/1024ths.
struct Viewport {
    Point center;
    std::uint32_t zoom = 1024;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("center", center), cereal::make_nvp("zoom", zoom));
    }
};

using ClientMessage = std::variant<Hello, SubmitOp, Cursor, PresenceUpdate, Viewport>;

// ---- server -> client ------------------------------------------------------

// Answer to Hello. `author` echoes the accepted author id; `head_seq` is the board's latest sequence number at join time: once the
// client has applied every op up to it, it is in sync.
enum class Role : std::uint8_t {
    kEditor = 0,  // joined with the edit key: may submit ops
    kViewer = 1   // joined with the view key: receives everything, writes nothing
};

// `view_key` is sent to editors only, so they can share a read-only link.
struct Welcome {
    std::string board_id;
    std::uint64_t author = 0;
    std::uint64_t head_seq = 0;
    Role role = Role::kEditor;
    std::string view_key;

    template <class Archive>
    void serialize(Archive& ar) {
        bounded_string(ar, "boardId", board_id, limits::kMaxBoardIdLength);
        ar(cereal::make_nvp("author", author), cereal::make_nvp("headSeq", head_seq),
           cereal::make_nvp("role", role));
        bounded_string(ar, "viewKey", view_key, limits::kMaxBoardIdLength);
    }
};

// The board as of `seq`, sent right after Welcome when the client's position
// is older than what the server's log still holds: load it
// (Board::from_snapshot), then apply the OpEvents that follow (seq + 1 ...).
struct BoardSnapshot {
    std::uint64_t seq = 0;
    std::string bytes;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("seq", seq));
        bounded_string(ar, "bytes", bytes, limits::kMaxSnapshotBytes);
    }
};

// One ordered op: history on join, then live. The author's own op coming back
// is its acknowledgement.
struct OpEvent {
    SequencedOp op;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("sequenced", op));
    }
};

// Consecutive ordered ops in one frame, sent to a binary client that is more
// than one op behind (several ops arrived while its previous write was under
// way): one frame and one write instead of one per op. Apply them in order,
// exactly as that many OpEvents.
struct OpBatch {
    std::vector<SequencedOp> ops;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("ops", bounded(ops, limits::kMaxOpsPerBatch)));
    }
};

// How many people are on the board right now.
struct Presence {
    std::uint32_t participants = 0;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("participants", participants));
    }
};

enum class ErrorCode : std::uint16_t {
    kMalformedFrame = 1,      // could not be decoded
    kUnsupportedVersion = 2,  // envelope version not compatible
    kInvalidBoardId = 3,      // board id has the wrong shape
    kNotJoined = 4,           // op sent before Hello
    kAlreadyJoined = 5,       // second Hello on one connection
    kInvalidOp = 6,           // op failed validation
    kFrameTooLarge = 7,       // frame over the size limit
    kStorageFailure = 8,      // the op could not be stored; it was not applied
    kWrongAuthor = 9,         // object id names another author
    kAuthorInUse = 10,        // another live connection on the board has this author id
    kReadOnly = 11,           // a viewer tried to write
    kRateLimited = 12,        // too many ops too fast; the op was not applied
    kBadKey = 13,             // the link's key is missing or wrong for this board
    kShuttingDown = 14,       // the server is stopping; reconnect shortly
    kUnavailable = 15,        // the board's shared storage is unreachable: the op was not
                              // stored; send it again (new clientOpId) after ServiceStatus
                              // says the board is writable
};

// Something the client sent was refused. `client_op_id` names the refused op
// (0 when the error is not about an op). Nothing is dropped silently.
struct Error {
    ErrorCode code = ErrorCode::kMalformedFrame;
    std::string reason;
    std::uint64_t client_op_id = 0;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("code", code));
        bounded_string(ar, "reason", reason, limits::kMaxReasonLength);
        ar(cereal::make_nvp("clientOpId", client_op_id));
    }
};

// Another participant's cursor moved.
struct PeerCursor {
    std::uint64_t author = 0;
    Point position;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("author", author), cereal::make_nvp("position", position));
    }
};

enum class PeerState : std::uint8_t { kJoined = 0, kActive = 1, kIdle = 2, kLeft = 3 };

// Another participant joined, changed name/colour, went idle or left.
struct PeerPresence {
    std::uint64_t author = 0;
    std::string name;
    Rgba color = 0;
    PeerState state = PeerState::kJoined;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("author", author));
        bounded_string(ar, "name", name, limits::kMaxNameLength);
        ar(cereal::make_nvp("color", color), cereal::make_nvp("state", state));
    }
};

// Another participant's viewport changed.
struct PeerViewport {
    std::uint64_t author = 0;
    Viewport viewport;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("author", author), cereal::make_nvp("viewport", viewport));
    }
};

// Whether the board accepts ops right now. Sent when that changes (and right
// after Welcome while it does not): when the server loses its shared storage
// (Redis) it keeps serving what it has, refuses ops with kUnavailable, and
// says so here; `writable` comes back true once storage is reachable again.
struct ServiceStatus {
    bool writable = true;
    std::string reason;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("writable", writable));
        bounded_string(ar, "reason", reason, limits::kMaxReasonLength);
    }
};

using ServerMessage = std::variant<Welcome, OpEvent, Presence, Error, PeerCursor, PeerPresence, PeerViewport,
                                   BoardSnapshot, ServiceStatus, OpBatch>;

// The frame around every message.
template <class Message>
struct Envelope {
    std::uint16_t version = kProtocolVersion;
    std::uint16_t min_compatible = kMinCompatibleVersion;
    Message message;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("version", version),
           cereal::make_nvp("minCompatible", min_compatible),
           cereal::make_nvp("message", message));
    }
};

}  // namespace squiggle
