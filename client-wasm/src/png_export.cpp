#include "png_export.hpp"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "drawn_bounds.hpp"
#include "export_frame.hpp"
#include "png_encode.hpp"

namespace squiggle::client {

std::string export_png(BoardRenderer& renderer, const Board& board, std::uint64_t board_generation) {
    renderer.sync_board(board, board_generation);
    GLint max_renderbuffer = 0;
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_renderbuffer);
    const ExportFrame frame = export_frame(board_bounds(board), std::min<int>(kMaxExportSide, max_renderbuffer));

    GLuint colour = 0, framebuffer = 0;
    glGenRenderbuffers(1, &colour);
    glBindRenderbuffer(GL_RENDERBUFFER, colour);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, frame.width, frame.height);
    glGenFramebuffers(1, &framebuffer);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour);
    std::vector<std::uint8_t> pixels;
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) {
        glViewport(0, 0, frame.width, frame.height);
        glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        // One CSS pixel per picture pixel: the frame's view maps them.
        renderer.draw(frame.view,
                      Viewport{frame.width, frame.height, static_cast<double>(frame.width),
                               static_cast<double>(frame.height)},
                      false);
        pixels.resize(static_cast<std::size_t>(frame.width) * frame.height * 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, frame.width, frame.height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glDeleteFramebuffers(1, &framebuffer);
    glDeleteRenderbuffers(1, &colour);
    if (pixels.empty()) return {};

    // GL reads bottom row first; PNG wants the top first.
    const std::size_t row = static_cast<std::size_t>(frame.width) * 4;
    std::vector<std::uint8_t> swap(row);
    for (int y = 0; y < frame.height / 2; ++y) {
        std::uint8_t* top = pixels.data() + static_cast<std::size_t>(y) * row;
        std::uint8_t* bottom = pixels.data() + static_cast<std::size_t>(frame.height - 1 - y) * row;
        std::memcpy(swap.data(), top, row);
        std::memcpy(top, bottom, row);
        std::memcpy(bottom, swap.data(), row);
    }
    return encode_png(pixels, frame.width, frame.height);
}

}  // namespace squiggle::client
