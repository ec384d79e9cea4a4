#include "redis/redis_connection.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <algorithm>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "log.hpp"

namespace squiggle::server {

namespace net = boost::asio;

// What one connection attempt owns: hiredis's context and the Asio view of
// its socket. Handlers hold it by shared_ptr and check `alive`, because
// hiredis frees the context (and closes the socket) on its own schedule.
struct RedisConnection::Link : std::enable_shared_from_this<RedisConnection::Link> {
    Link(net::io_context& ioc, RedisConnection* connection) : fd(ioc), owner(connection) {}

    redisAsyncContext* ctx = nullptr;
    net::posix::stream_descriptor fd;
    RedisConnection* owner;
    bool alive = true;
    bool reading = false, writing = false;
    bool read_armed = false, write_armed = false;

    void arm_read() {
        if (read_armed || !alive || !reading) return;
        read_armed = true;
        fd.async_wait(net::posix::descriptor_base::wait_read,
                      net::bind_executor(owner->strand_, [self = shared_from_this()](const boost::system::error_code& ec) {
                          self->read_armed = false;
                          if (ec || !self->alive || !self->reading) return;
                          redisAsyncHandleRead(self->ctx);
                          self->arm_read();
                      }));
    }
    void arm_write() {
        if (write_armed || !alive || !writing) return;
        write_armed = true;
        fd.async_wait(net::posix::descriptor_base::wait_write,
                      net::bind_executor(owner->strand_, [self = shared_from_this()](const boost::system::error_code& ec) {
                          self->write_armed = false;
                          if (ec || !self->alive || !self->writing) return;
                          redisAsyncHandleWrite(self->ctx);
                          self->arm_write();
                      }));
    }
};

namespace {

RedisReply convert(const redisReply* r) {
    RedisReply out;
    switch (r->type) {
        case REDIS_REPLY_STRING: out.type = RedisReply::Type::kString; break;
        case REDIS_REPLY_STATUS: out.type = RedisReply::Type::kStatus; break;
        case REDIS_REPLY_ERROR: out.type = RedisReply::Type::kError; break;
        case REDIS_REPLY_INTEGER: out.type = RedisReply::Type::kInteger; break;
        case REDIS_REPLY_ARRAY: out.type = RedisReply::Type::kArray; break;
        default: out.type = RedisReply::Type::kNil; break;
    }
    if (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS || r->type == REDIS_REPLY_ERROR) {
        out.str.assign(r->str, r->len);
    }
    out.integer = r->integer;
    if (r->type == REDIS_REPLY_ARRAY) {
        out.elements.reserve(r->elements);
        for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert(r->element[i]));
    }
    return out;
}

}  // namespace

// hiredis calls plain C functions; these route each call to its connection.
struct RedisTrampolines {
    static RedisConnection::Link* link(void* privdata) { return static_cast<RedisConnection::Link*>(privdata); }
    static void add_read(void* p) {
        link(p)->reading = true;
        link(p)->arm_read();
    }
    static void del_read(void* p) { link(p)->reading = false; }
    static void add_write(void* p) {
        link(p)->writing = true;
        link(p)->arm_write();
    }
    static void del_write(void* p) { link(p)->writing = false; }
    static void cleanup(void* p) {
        auto* l = link(p);
        l->alive = false;
        l->reading = l->writing = false;
        // hiredis closes the socket itself; Asio only lets go of it (which
        // also ends the pending waits with operation_aborted).
        if (l->fd.is_open()) l->fd.release();
    }

    static void on_reply(redisAsyncContext* ac, void* r, void* privdata) {
        std::unique_ptr<RedisConnection::ReplyHandler> done(static_cast<RedisConnection::ReplyHandler*>(privdata));
        auto* conn = static_cast<RedisConnection*>(ac->data);
        if (!done || !*done || conn->destroying_) return;
        (*done)(r ? convert(static_cast<redisReply*>(r)) : RedisReply::lost("connection to Redis lost", true));
    }
    static void on_pubsub(redisAsyncContext* ac, void* r, void*) {
        auto* conn = static_cast<RedisConnection*>(ac->data);
        if (!r || conn->destroying_) return;
        conn->dispatch_pubsub(convert(static_cast<redisReply*>(r)));
    }
    static void on_connect(const redisAsyncContext* ac, int status) {
        static_cast<RedisConnection*>(ac->data)->on_connected(status);
    }
    static void on_disconnect(const redisAsyncContext* ac, int status) {
        auto* conn = static_cast<RedisConnection*>(ac->data);
        conn->on_disconnected(status == REDIS_OK ? "closed" : (ac->errstr ? ac->errstr : "error"));
    }
};

RedisConnection::RedisConnection(net::io_context& ioc, RedisAddress address, std::string name, bool subscriber,
                                 Callbacks callbacks)
    : ioc_(ioc),
      strand_(net::make_strand(ioc)),
      address_(std::move(address)),
      name_(std::move(name)),
      subscriber_(subscriber),
      callbacks_(std::move(callbacks)),
      retry_timer_(strand_) {}

RedisConnection::~RedisConnection() {
    // The event loop has stopped by now: nothing else runs on the strand.
    destroying_ = true;
    stopped_ = true;
    if (link_ && link_->alive) redisAsyncFree(link_->ctx);
    link_.reset();
}

void RedisConnection::start() {
    net::post(strand_, [self = shared_from_this()] { self->connect(); });
}

void RedisConnection::stop() {
    net::post(strand_, [self = shared_from_this()] {
        self->stopped_ = true;
        self->retry_timer_.cancel();
        if (self->link_ && self->link_->alive) redisAsyncDisconnect(self->link_->ctx);
    });
}

void RedisConnection::connect() {
    if (stopped_) return;
    redisAsyncContext* ctx = redisAsyncConnect(address_.host.c_str(), address_.port);
    if (!ctx || ctx->err) {
        const std::string why = ctx ? ctx->errstr : "out of memory";
        if (ctx) redisAsyncFree(ctx);
        schedule_reconnect(why);
        return;
    }
    auto link = std::make_shared<Link>(ioc_, this);
    link->ctx = ctx;
    boost::system::error_code ec;
    link->fd.assign(ctx->c.fd, ec);
    if (ec) {
        redisAsyncFree(ctx);
        schedule_reconnect("cannot watch the socket: " + ec.message());
        return;
    }
    link_ = link;
    ctx->data = this;
    ctx->ev.data = link.get();
    ctx->ev.addRead = RedisTrampolines::add_read;
    ctx->ev.delRead = RedisTrampolines::del_read;
    ctx->ev.addWrite = RedisTrampolines::add_write;
    ctx->ev.delWrite = RedisTrampolines::del_write;
    ctx->ev.cleanup = RedisTrampolines::cleanup;
    redisAsyncSetDisconnectCallback(ctx, RedisTrampolines::on_disconnect);
    // Setting the connect callback also asks for the first write event,
    // which is how hiredis learns that the connection is established.
    redisAsyncSetConnectCallback(ctx, RedisTrampolines::on_connect);
}

void RedisConnection::schedule_reconnect(const std::string& why) {
    if (stopped_) return;
    log_warn("redis " + name_ + ": " + why + "; retrying in " + std::to_string(backoff_.count()) + " ms");
    retry_timer_.expires_after(backoff_);
    backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(5000));
    retry_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec) self->connect();
    });
}

void RedisConnection::on_connected(int status) {
    if (status != REDIS_OK) {
        // hiredis frees the context right after this returns.
        const std::string why = link_ && link_->ctx->errstr ? link_->ctx->errstr : "connect failed";
        schedule_reconnect(why);
        return;
    }
    up_ = true;
    backoff_ = std::chrono::milliseconds(100);
    log_info("redis " + name_ + ": connected to " + address_.host + ":" + std::to_string(address_.port));
    if (address_.db != 0) send({"SELECT", std::to_string(address_.db)}, [](RedisReply) {});
    if (subscriber_ && !channels_.empty()) {
        std::vector<std::string> args{"SUBSCRIBE"};
        args.insert(args.end(), channels_.begin(), channels_.end());
        send(args, nullptr);
    }
    if (callbacks_.on_up) callbacks_.on_up();
}

void RedisConnection::on_disconnected(const std::string& why) {
    const bool was_up = up_;
    up_ = false;
    if (was_up && callbacks_.on_down && !destroying_) callbacks_.on_down(why);
    if (!stopped_) schedule_reconnect("connection lost (" + why + ")");
}

void RedisConnection::send(const std::vector<std::string>& args, ReplyHandler done) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const auto& a : args) {
        argv.push_back(a.data());
        lengths.push_back(a.size());
    }
    if (subscriber_) {
        redisAsyncCommandArgv(link_->ctx, RedisTrampolines::on_pubsub, nullptr, static_cast<int>(args.size()),
                              argv.data(), lengths.data());
        return;
    }
    auto* handler = new ReplyHandler(std::move(done));
    if (redisAsyncCommandArgv(link_->ctx, RedisTrampolines::on_reply, handler, static_cast<int>(args.size()),
                              argv.data(), lengths.data()) != REDIS_OK) {
        std::unique_ptr<ReplyHandler> owned(handler);
        if (*owned) (*owned)(RedisReply::lost("connection to Redis is closing", false));
    }
}

void RedisConnection::command(std::vector<std::string> args, ReplyHandler done) {
    net::post(strand_, [self = shared_from_this(), args = std::move(args), done = std::move(done)]() mutable {
        if (!self->up_ || !self->link_ || !self->link_->alive) {
            if (done) done(RedisReply::lost("not connected to Redis", false));
            return;
        }
        self->send(args, std::move(done));
    });
}

void RedisConnection::subscribe(const std::string& channel) {
    net::post(strand_, [self = shared_from_this(), channel] {
        if (std::find(self->channels_.begin(), self->channels_.end(), channel) != self->channels_.end()) return;
        self->channels_.push_back(channel);
        if (self->up_ && self->link_ && self->link_->alive) self->send({"SUBSCRIBE", channel}, nullptr);
    });
}

void RedisConnection::unsubscribe(const std::string& channel) {
    net::post(strand_, [self = shared_from_this(), channel] {
        std::erase(self->channels_, channel);
        if (self->up_ && self->link_ && self->link_->alive) self->send({"UNSUBSCRIBE", channel}, nullptr);
    });
}

void RedisConnection::dispatch_pubsub(const RedisReply& reply) {
    if (reply.type != RedisReply::Type::kArray || reply.elements.size() < 3) return;
    const std::string& kind = reply.elements[0].str;
    const std::string& channel = reply.elements[1].str;
    if (kind == "message") {
        if (callbacks_.on_message) callbacks_.on_message(channel, reply.elements[2].str);
    } else if (kind == "subscribe") {
        // A channel dropped while its SUBSCRIBE was under way stays dropped.
        if (std::find(channels_.begin(), channels_.end(), channel) == channels_.end()) return;
        if (callbacks_.on_subscribed) callbacks_.on_subscribed(channel);
    }
}

bool parse_redis_url(const std::string& url, RedisAddress& out, std::string& why) {
    const std::string scheme = "redis://";
    if (url.rfind(scheme, 0) != 0) {
        why = "expected redis://host:port[/db]";
        return false;
    }
    std::string rest = url.substr(scheme.size());
    RedisAddress address;
    if (const auto slash = rest.find('/'); slash != std::string::npos) {
        const std::string db = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
        if (!db.empty()) {
            if (db.size() > 2 || !std::all_of(db.begin(), db.end(), ::isdigit)) {
                why = "the database must be a number";
                return false;
            }
            address.db = static_cast<unsigned>(std::stoul(db));
        }
    }
    if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
        const std::string port = rest.substr(colon + 1);
        rest = rest.substr(0, colon);
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), ::isdigit) ||
            std::stoul(port) == 0 || std::stoul(port) > 65535) {
            why = "bad port '" + port + "'";
            return false;
        }
        address.port = static_cast<std::uint16_t>(std::stoul(port));
    }
    if (rest.empty()) {
        why = "no host";
        return false;
    }
    address.host = rest;
    out = address;
    return true;
}

}  // namespace squiggle::server
