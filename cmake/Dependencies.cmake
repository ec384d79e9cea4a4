# Header-only dependencies come from Debian packages in /usr/include. Emscripten
# does not search /usr/include (its glibc headers would break the build), so a
# folder of links to just these libraries is added with -isystem instead.
add_library(squiggle_header_deps INTERFACE)
add_library(squiggle::header_deps ALIAS squiggle_header_deps)

if(EMSCRIPTEN)
  set(_links "${CMAKE_BINARY_DIR}/header-links")
  file(MAKE_DIRECTORY "${_links}")
  foreach(_entry cereal rapidjson catch2 xxhash.h xxh3.h stb)
    if(NOT EXISTS "/usr/include/${_entry}")
      message(FATAL_ERROR "/usr/include/${_entry} missing: run scripts/install-deps.sh")
    endif()
    if(NOT EXISTS "${_links}/${_entry}")
      file(CREATE_LINK "/usr/include/${_entry}" "${_links}/${_entry}" SYMBOLIC)
    endif()
  endforeach()
  target_include_directories(squiggle_header_deps SYSTEM INTERFACE "${_links}")
else()
  find_package(Threads REQUIRED)
  find_package(Boost 1.74 REQUIRED COMPONENTS system)
  find_package(CLI11 REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(hiredis REQUIRED IMPORTED_TARGET hiredis)
endif()

# Warnings for our own code only.
add_library(squiggle_warnings INTERFACE)
add_library(squiggle::warnings ALIAS squiggle_warnings)
target_compile_options(squiggle_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers)

# Sanitizer builds (presets native-asan and native-tsan): everything native,
# server and tests alike, is instrumented.
set(SQUIGGLE_SANITIZE "" CACHE STRING "Sanitizers for native builds: address,undefined | thread | empty")
if(SQUIGGLE_SANITIZE AND NOT EMSCRIPTEN)
  add_compile_options(-fsanitize=${SQUIGGLE_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${SQUIGGLE_SANITIZE})
endif()
