// Exports and import: SVG elements per object, the JSON file's round trip,
// the paced import into a board, the export frame, PNG encoding.
#include <catch2/catch.hpp>

#include <regex>

#include "app_harness.hpp"
#include "board_import.hpp"
#include "board_json.hpp"
#include "export_frame.hpp"
#include "png_encode.hpp"
#include "svg_export.hpp"

using namespace squiggle;
using namespace squiggle::client;
using namespace squiggle::client::test;

namespace {

// A board with one object of every kind, each in its own colour.
Board sample_board() {
    std::vector<Op> ops;
    StrokeOp s;
    s.id = {7, 1};
    s.color = 0xE03131FF;
    s.width = 64;
    s.points = {{0, 0}, {1600, 800}, {3200, 0}};
    ops.push_back(s);
    StrokeOp dot;
    dot.id = {7, 2};
    dot.color = 0x2F9E4480;  // half transparent
    dot.points = {{500, 500}};
    ops.push_back(dot);
    const std::array<std::pair<ShapeKind, Rgba>, 4> shapes = {{{ShapeKind::kLine, 0x1971C2FF},
                                                               {ShapeKind::kRectangle, 0xF08C00FF},
                                                               {ShapeKind::kEllipse, 0x9C36B5FF},
                                                               {ShapeKind::kArrow, 0x868E96FF}}};
    std::uint64_t counter = 3;
    for (const auto& [kind, color] : shapes) {
        ShapeOp shape;
        shape.id = {7, counter++};
        shape.kind = kind;
        shape.from = {-1600, -1600};
        shape.to = {4800, 3200};
        shape.color = color;
        shape.width = 32;
        shape.fill = kind == ShapeKind::kRectangle ? 0xFFF3BFFF : 0;
        ops.push_back(shape);
    }
    TextOp text;
    text.id = {7, counter};
    text.position = {160, 4000};
    text.size = 320;
    text.color = 0x1E1E1EFF;
    text.text = "Tom & Jerry <3 \"quoted\"";
    ops.push_back(text);
    Board board;
    std::uint64_t seq = 0;
    for (Op& op : ops) REQUIRE(board.apply(sequenced(++seq, std::move(op))) == Board::ApplyResult::kApplied);
    return board;
}

std::size_t count(const std::string& text, const std::string& pattern) {
    const std::regex re(pattern);
    return static_cast<std::size_t>(std::distance(std::sregex_iterator(text.begin(), text.end(), re),
                                                  std::sregex_iterator()));
}

// The objects without their ids, which import replaces.
std::vector<Object> without_ids(const Board& board) {
    std::vector<Object> out;
    for (const auto& [z, object] : board.objects_by_z()) {
        Object o = object;
        std::visit([](auto& x) { x.id = {}; }, o);
        out.push_back(std::move(o));
    }
    return out;
}


}  // namespace

TEST_CASE("SVG export has one element per object, with its colour and width") {
    const Board board = sample_board();
    const std::string svg = board_svg(board);
    CHECK(svg.rfind("<?xml", 0) == 0);
    CHECK(count(svg, "<svg ") == 1);
    CHECK(count(svg, "<path ") == 3);  // two strokes and the arrow
    CHECK(count(svg, "<line ") == 1);
    CHECK(count(svg, "<rect ") == 1);
    CHECK(count(svg, "<ellipse ") == 1);
    CHECK(count(svg, "<text ") == 1);
    // Every object, in board order, with its own colour.
    CHECK(count(svg, "<path d=\"M[^\"]*\" fill=\"none\" stroke=\"#e03131\" stroke-width=\"4\"") == 1);
    CHECK(count(svg, "stroke=\"#2f9e44\" stroke-opacity=\"0.502\"") == 1);
    CHECK(count(svg, "<line [^>]*stroke=\"#1971c2\" stroke-width=\"2\"") == 1);
    CHECK(count(svg, "<rect [^>]*fill=\"#fff3bf\" stroke=\"#f08c00\"") == 1);
    CHECK(count(svg, "<ellipse [^>]*fill=\"none\" stroke=\"#9c36b5\"") == 1);
    CHECK(count(svg, "<path [^>]*stroke=\"#868e96\"") == 1);
    CHECK(count(svg, "<text [^>]*font-size=\"20\"[^>]*fill=\"#1e1e1e\"") == 1);
    CHECK(svg.find("Tom &amp; Jerry &lt;3 &quot;quoted&quot;</text>") != std::string::npos);
    CHECK(svg.find("<path d=\"M") < svg.find("<line "));
    CHECK(svg.find("<line ") < svg.find("<text "));
}

TEST_CASE("SVG and PNG share the frame: the objects plus a margin at 100%") {
    const Board board = sample_board();
    const std::string svg = board_svg(board);
    const ExportFrame frame = export_frame(std::optional<Box>(Box{-1600, -1600, 4800, 4400}));
    CHECK(frame.width == 400 + 2 * kExportMargin);
    CHECK(frame.height == 375 + 2 * kExportMargin);
    CHECK(frame.view.css_x(-1600) == Approx(kExportMargin));
    // A board too big for the largest picture is scaled down to fit.
    const ExportFrame big = export_frame(std::optional<Box>(Box{0, 0, 16 * 100'000, 16 * 1000}), 1000);
    CHECK(big.width == 1000);
    CHECK(big.height < 1000);
    CHECK(big.view.zoom() < 0.01);
    CHECK(big.view.zoom() > 0.009);
    CHECK(svg.find("viewBox=\"0 0 ") != std::string::npos);
    CHECK(export_frame(std::nullopt).width == 2 * kExportMargin);
}

TEST_CASE("JSON export and import round-trip to the same objects") {
    const Board board = sample_board();
    const std::string json = board_json(board);
    CHECK(json.find("\"format\":\"squigglesync.board\"") != std::string::npos);
    auto parsed = parse_board_json(json);
    REQUIRE(std::holds_alternative<std::vector<Object>>(parsed));
    CHECK(std::get<std::vector<Object>>(parsed) == without_ids(board));
}

TEST_CASE("Import refuses files that are not board files or break the server's bounds") {
    const auto reason = [](const std::string& text) {
        auto parsed = parse_board_json(text);
        REQUIRE(std::holds_alternative<ImportError>(parsed));
        return std::get<ImportError>(parsed).reason;
    };
    CHECK(reason("{not json").find("not JSON") != std::string::npos);
    CHECK(reason(R"({"format":"other","version":1,"unitsPerPixel":16,"objects":[]})").find("not a board file") !=
          std::string::npos);
    CHECK(reason(R"({"format":"squigglesync.board","version":2,"unitsPerPixel":16,"objects":[]})")
              .find("version") != std::string::npos);
    const std::string head = R"({"format":"squigglesync.board","version":1,"unitsPerPixel":16,"objects":[)";
    CHECK(reason(head + R"({"type":"stroke","color":"#000000ff","width":0,"points":[[0,0]]}]})")
              .find("width out of range") != std::string::npos);
    CHECK(reason(head + R"({"type":"stroke","color":"#000000ff","width":16,"points":[[0,99999999]]}]})")
              .find("object 1: coordinate out of range") != std::string::npos);
    CHECK(reason(head + R"({"type":"blob"}]})").find("type must be") != std::string::npos);
    CHECK(reason(head + R"({"type":"text","position":[0,0],"size":256,"color":"red","text":"x"}]})")
              .find("#rrggbbaa") != std::string::npos);
}

TEST_CASE("Importing replaces the board with the file's objects, at a pace the server accepts") {
    Harness h;
    h.join(Role::kEditor);
    // Something is on the board already.
    StrokeOp old;
    old.id = {99, 1};
    old.points = {{0, 0}};
    SequencedOp first = sequenced(1, old);
    first.author = 99;
    h.transport.deliver(OpEvent{first});
    REQUIRE(h.sync.board().object_count() == 1);

    // A file with more objects than one burst may send.
    Board big;
    std::uint64_t seq = 0;
    for (int i = 0; i < 50; ++i) {
        StrokeOp s;
        s.id = {7, static_cast<std::uint64_t>(i + 1)};
        s.points = {{i * 16, 0}, {i * 16, 160}};
        REQUIRE(big.apply(sequenced(++seq, s)) == Board::ApplyResult::kApplied);
    }
    BoardImport import;
    REQUIRE(import_board_file(h.app, import, "big.json", board_json(big), 0.0));
    auto sent = h.transport.sent_of<SubmitOp>();
    REQUIRE(sent.size() == static_cast<std::size_t>(BoardImport::kBurst));
    CHECK(std::holds_alternative<ClearOp>(sent[0].op));
    CHECK(import.remaining() == 51 - sent.size());
    import.pump(h.app, 100.0);  // 0.1 s: 3 more
    CHECK(h.transport.sent_of<SubmitOp>().size() == sent.size() + 3);
    import.pump(h.app, 2000.0);
    CHECK_FALSE(import.busy());
    sent = h.transport.sent_of<SubmitOp>();
    REQUIRE(sent.size() == 51);

    // The server orders them; the board then holds exactly the file's objects.
    for (const SubmitOp& submit : sent) {
        SequencedOp echoed = sequenced(h.sync.board().head_seq() + 1, submit.op);
        echoed.author = kMe;
        echoed.client_op_id = submit.client_op_id;
        h.transport.deliver(OpEvent{echoed});
    }
    CHECK(without_ids(h.sync.board()) == without_ids(big));
    for (const auto& [z, object] : h.sync.board().objects_by_z()) CHECK(id_of(object).author == kMe);
    CHECK(h.notices.entries().back().text.find("50 objects") != std::string::npos);
}

TEST_CASE("A bad file or a viewer imports nothing and says why") {
    Harness h;
    h.join(Role::kEditor);
    BoardImport import;
    CHECK_FALSE(import_board_file(h.app, import, "notes.txt", "hello", 0.0));
    CHECK(h.transport.sent_of<SubmitOp>().empty());
    CHECK(h.notices.entries().back().level == NoticeLevel::kError);
    CHECK(h.notices.entries().back().text.find("notes.txt") != std::string::npos);

    Harness viewer;
    viewer.join(Role::kViewer);
    CHECK_FALSE(import_board_file(viewer.app, import, "a.json", board_json(sample_board()), 0.0));
    CHECK(viewer.transport.sent_of<SubmitOp>().empty());
}

TEST_CASE("PNG encoding makes a PNG file of the given size") {
    std::vector<std::uint8_t> pixels(3 * 2 * 4, 255);
    const std::string png = encode_png(pixels, 3, 2);
    REQUIRE(png.size() > 24);
    CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    // IHDR: width and height, big-endian.
    CHECK(static_cast<unsigned char>(png[19]) == 3);
    CHECK(static_cast<unsigned char>(png[23]) == 2);
    CHECK(encode_png(pixels, 4, 2).empty());
}
