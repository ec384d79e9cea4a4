#pragma once
// One connection to Redis through hiredis's asynchronous API, driven by the
// server's Asio event loop: the socket is watched with an Asio descriptor
// and hiredis is told when it is readable or writable. Every call and every
// callback runs on the connection's own strand.
//
// The connection reconnects by itself, with a growing backoff, for as long as
// it lives; `on_up` runs after each (re)connect (re-subscribe there), `on_down`
// when it is lost. Commands given while it is down fail at once with a
// "lost" reply: callers decide what that means for them.
//
// A subscriber connection (subscriber = true) delivers every pub/sub message
// to `on_message`; it takes only SUBSCRIBE and UNSUBSCRIBE.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "redis/redis_reply.hpp"

namespace squiggle::server {

class RedisConnection : public std::enable_shared_from_this<RedisConnection> {
public:
    using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
    using ReplyHandler = std::function<void(RedisReply)>;

    struct Callbacks {
        std::function<void()> on_up;
        std::function<void(const std::string& why)> on_down;
        std::function<void(const std::string& channel, std::string payload)> on_message;
        // Redis confirmed a SUBSCRIBE: from here on, everything published
        // on `channel` reaches on_message.
        std::function<void(const std::string& channel)> on_subscribed;
    };

    RedisConnection(boost::asio::io_context& ioc, RedisAddress address, std::string name, bool subscriber,
                    Callbacks callbacks);
    ~RedisConnection();

    // Connects (and keeps reconnecting) until stop().
    void start();
    void stop();

    // Runs `args` as one command; `done` runs on the strand with its reply.
    // Commands are pipelined: many may be in flight on the connection.
    void command(std::vector<std::string> args, ReplyHandler done);

    // Subscriber connections: the set of channels is remembered and
    // subscribed again after every reconnect.
    void subscribe(const std::string& channel);
    void unsubscribe(const std::string& channel);

    bool up() const { return up_; }  // on the strand only
    Strand& strand() { return strand_; }

private:
    struct Link;
    void connect();
    void schedule_reconnect(const std::string& why);
    void on_connected(int status);
    void on_disconnected(const std::string& why);
    void send(const std::vector<std::string>& args, ReplyHandler done);
    void dispatch_pubsub(const RedisReply& reply);
    void drop_link();

    boost::asio::io_context& ioc_;
    Strand strand_;
    const RedisAddress address_;
    const std::string name_;
    const bool subscriber_;
    Callbacks callbacks_;
    std::shared_ptr<Link> link_;
    boost::asio::steady_timer retry_timer_;
    std::chrono::milliseconds backoff_{100};
    bool up_ = false;
    bool stopped_ = false;
    bool destroying_ = false;  // replies arriving now have nobody to go to
    std::vector<std::string> channels_;

    friend struct RedisTrampolines;
};

}  // namespace squiggle::server
