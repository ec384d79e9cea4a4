#pragma once
// A scripted server connection and a manual clock for testing SyncClient and
// App without a browser: the test plays the server, message by message.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "squiggle/codec.hpp"
#include "timers.hpp"
#include "transport.hpp"

namespace squiggle::client::test {

class FakeTransport : public Transport {
public:
    void set_handlers(Handlers handlers) override { handlers_ = std::move(handlers); }
    bool connect(const std::string& url) override {
        url_ = url;
        ++connects;
        open_ = false;
        live_ = true;
        return true;
    }
    bool send_binary(std::string_view bytes) override {
        if (!open_) return false;
        Decoded<ClientMessage> decoded = decode_client(bytes, FrameFormat::kBinary);
        REQUIRE(std::holds_alternative<ClientMessage>(decoded));
        sent.push_back(std::get<ClientMessage>(std::move(decoded)));
        return true;
    }
    void close() override {
        open_ = false;
        live_ = false;
        ++closes;
    }

    // The server side.
    void accept() {
        REQUIRE(live_);
        open_ = true;
        handlers_.on_open();
    }
    void deliver(const ServerMessage& message) {
        REQUIRE(live_);
        handlers_.on_message(encode(message, FrameFormat::kBinary), true);
    }
    void hang_up(int code = 1006, std::string reason = "") {
        REQUIRE(live_);
        open_ = false;
        live_ = false;
        handlers_.on_close(CloseInfo{code, std::move(reason), false});
    }
    bool live() const { return live_; }

    // Sent messages of one kind, oldest first.
    template <class Message>
    std::vector<Message> sent_of() const {
        std::vector<Message> out;
        for (const ClientMessage& m : sent) {
            if (const auto* typed = std::get_if<Message>(&m)) out.push_back(*typed);
        }
        return out;
    }

    std::vector<ClientMessage> sent;
    int connects = 0;
    int closes = 0;

private:
    Handlers handlers_;
    std::string url_;
    bool open_ = false;
    bool live_ = false;
};

class ManualTimers : public Timers {
public:
    Id start(int delay_ms, std::function<void()> callback) override {
        const Id id = next_id_++;
        timers_.emplace(id, Timer{now_ + delay_ms, std::move(callback)});
        return id;
    }
    void cancel(Id id) override { timers_.erase(id); }

    // Moves the clock forward, firing what falls due in time order.
    void advance(std::int64_t ms) {
        const std::int64_t until = now_ + ms;
        for (;;) {
            auto next = timers_.end();
            for (auto it = timers_.begin(); it != timers_.end(); ++it) {
                if (it->second.due <= until && (next == timers_.end() || it->second.due < next->second.due)) next = it;
            }
            if (next == timers_.end()) break;
            now_ = next->second.due;
            std::function<void()> callback = std::move(next->second.callback);
            timers_.erase(next);
            callback();
        }
        now_ = until;
    }
    std::size_t active() const { return timers_.size(); }

private:
    struct Timer {
        std::int64_t due;
        std::function<void()> callback;
    };
    std::int64_t now_ = 0;
    Id next_id_ = 1;
    std::map<Id, Timer> timers_;
};

inline StrokeOp stroke(std::uint64_t author, std::uint64_t counter, std::int32_t x = 0) {
    StrokeOp s;
    s.id = {author, counter};
    s.color = 0x112233FF;
    s.width = 32;
    s.points = {{x, 0}, {x + 160, 160}};
    return s;
}

// An ordered op by a fixed author, for tests that only need a board.
inline SequencedOp sequenced(std::uint64_t seq, Op op) {
    SequencedOp s;
    s.seq = seq;
    s.author = 7;
    s.op = std::move(op);
    return s;
}

}  // namespace squiggle::client::test
