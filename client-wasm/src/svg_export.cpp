#include "svg_export.hpp"

#include <cstdio>
#include <vector>

#include "drawn_bounds.hpp"
#include "export_frame.hpp"
#include "stroke_geometry.hpp"

namespace squiggle::client {
namespace {

// A coordinate with at most 3 decimals and no trailing zeros: compact and
// exact enough (a model unit is 1/16 px at 100%).
std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", v);
    std::string out = text;
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
    return out == "-0" ? "0" : out;
}

std::string hex_rgb(Rgba c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(c >> 8));
    return text;
}

// `name`="#rrggbb" plus `name`-opacity when the colour is not opaque.
std::string paint(const char* name, Rgba c) {
    std::string out = std::string(" ") + name + "=\"" + hex_rgb(c) + "\"";
    const unsigned alpha = c & 0xFF;
    if (alpha != 0xFF) out += std::string(" ") + name + "-opacity=\"" + number(alpha / 255.0) + "\"";
    return out;
}

std::string escaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                // XML 1.0 allows no other control characters than tab, LF and CR.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
        }
    }
    return out;
}

class Writer {
public:
    explicit Writer(const ViewTransform& view) : view_(view) {}

    std::string x(double model) const { return number(view_.css_x(model)); }
    std::string y(double model) const { return number(view_.css_y(model)); }
    std::string length(double model) const { return number(model / view_.units_per_css_px); }

    std::string element(const StrokeOp& s) const {
        std::string d;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            d += (i == 0 ? "M" : " L") + x(s.points[i].x) + " " + y(s.points[i].y);
        }
        // A single point is a dot: a zero-length segment with round caps.
        if (s.points.size() == 1) d += " L" + x(s.points[0].x) + " " + y(s.points[0].y);
        return "<path d=\"" + d + "\" fill=\"none\"" + paint("stroke", s.color) + " stroke-width=\"" +
               length(s.width) + "\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>";
    }

    std::string element(const ShapeOp& s) const {
        const std::string outline = paint("stroke", s.color) + " stroke-width=\"" + length(s.width) + "\"";
        const std::string fill = (s.fill & 0xFF) == 0 ? std::string(" fill=\"none\"") : paint("fill", s.fill);
        const double x0 = std::min(s.from.x, s.to.x), x1 = std::max(s.from.x, s.to.x);
        const double y0 = std::min(s.from.y, s.to.y), y1 = std::max(s.from.y, s.to.y);
        switch (s.kind) {
            case ShapeKind::kLine:
                return "<line x1=\"" + x(s.from.x) + "\" y1=\"" + y(s.from.y) + "\" x2=\"" + x(s.to.x) + "\" y2=\"" +
                       y(s.to.y) + "\"" + outline + " stroke-linecap=\"round\"/>";
            case ShapeKind::kRectangle:
                return "<rect x=\"" + x(x0) + "\" y=\"" + y(y0) + "\" width=\"" + length(x1 - x0) + "\" height=\"" +
                       length(y1 - y0) + "\"" + fill + outline + " stroke-linejoin=\"round\"/>";
            case ShapeKind::kEllipse:
                return "<ellipse cx=\"" + x((x0 + x1) / 2) + "\" cy=\"" + y((y0 + y1) / 2) + "\" rx=\"" +
                       length((x1 - x0) / 2) + "\" ry=\"" + length((y1 - y0) / 2) + "\"" + fill + outline + "/>";
            case ShapeKind::kArrow: {
                // The same shaft and barbs the canvas draws.
                std::vector<StrokeSegment> segments;
                append_segments(s, segments);
                std::string d;
                for (const StrokeSegment& g : segments) {
                    d += (d.empty() ? "M" : " M") + x(g.from_x) + " " + y(g.from_y) + " L" + x(g.to_x) + " " +
                         y(g.to_y);
                }
                return "<path d=\"" + d + "\" fill=\"none\"" + outline +
                       " stroke-linecap=\"round\" stroke-linejoin=\"round\"/>";
            }
        }
        return "";
    }

    std::string element(const TextOp& t) const {
        // `position` is the top-left corner; SVG places text by its baseline,
        // which sits about 0.8 em below the top in common sans-serif fonts.
        return "<text x=\"" + x(t.position.x) + "\" y=\"" + y(t.position.y + 0.8 * t.size) + "\" font-size=\"" +
               length(t.size) + "\" font-family=\"sans-serif\"" + paint("fill", t.color) +
               " xml:space=\"preserve\">" + escaped(t.text) + "</text>";
    }

private:
    const ViewTransform& view_;
};

}  // namespace

std::string board_svg(const Board& board) {
    const ExportFrame frame = export_frame(board_bounds(board), kMaxExportSide);
    const std::string w = std::to_string(frame.width), h = std::to_string(frame.height);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
                      "\" style=\"background:#ffffff\">\n";
    const Writer writer(frame.view);
    for (const auto& [z, object] : board.objects_by_z()) {
        out += std::visit([&](const auto& o) { return writer.element(o); }, object);
        out += "\n";
    }
    return out + "</svg>\n";
}

}  // namespace squiggle::client
