# The BPF build pipeline: tools/<name>/<name>.bpf.c -> <name>.bpf.o -> <name>.skel.h,
# and the generated tool registry. A tool is one line: corebox_tool(<name> [ALIASES ...]).

find_program(BPF_CLANG NAMES clang clang-19 clang-16 clang-14 REQUIRED)
find_program(BPFTOOL NAMES bpftool PATHS /usr/sbin /sbin REQUIRED)
find_program(BPF_STRIP NAMES llvm-strip llvm-strip-19 llvm-strip-16 llvm-strip-14 REQUIRED)

set(COREBOX_GEN_DIR ${CMAKE_BINARY_DIR}/gen)
set(COREBOX_BPF_INCLUDES
    ${CMAKE_SOURCE_DIR}/vmlinux/x86
    ${CMAKE_SOURCE_DIR}/bpf
    ${CMAKE_SOURCE_DIR}/include)
file(MAKE_DIRECTORY ${COREBOX_GEN_DIR})

# A build-time tool: rewrites a skeleton to embed its object compressed (zlib), unpacked
# at open by bpf/unpack.cpp.
add_executable(bpf_embed ${CMAKE_CURRENT_LIST_DIR}/bpf_embed.cpp)
target_link_libraries(bpf_embed PRIVATE ${STATIC_z})

# <name>.bpf.c -> ${COREBOX_GEN_DIR}/<name>.bpf.o (DWARF stripped, BTF kept).
function(corebox_bpf_compile name src)
  set(obj ${COREBOX_GEN_DIR}/${name}.bpf.o)
  list(TRANSFORM COREBOX_BPF_INCLUDES PREPEND -I OUTPUT_VARIABLE incs)
  get_filename_component(src_dir ${src} DIRECTORY)
  add_custom_command(
    OUTPUT ${obj}
    COMMAND ${BPF_CLANG} -target bpf -D__TARGET_ARCH_x86 -g -O2 -Wall -Werror
            ${incs} -I${src_dir} -MD -MF ${obj}.d -c ${src} -o ${obj}
    # The skeleton embeds the object: keep .BTF and .BTF.ext, drop the DWARF.
    COMMAND ${BPF_STRIP} -g ${obj}
    DEPENDS ${src}
    DEPFILE ${obj}.d
    COMMENT "BPF ${name}.bpf.o"
    VERBATIM)
endfunction()

# <name>.bpf.c -> ${COREBOX_GEN_DIR}/<name>.skel.h; sets <out_var> to the header path.
# COMPRESSED: the skeleton embeds the object compressed; its user links corebox_core.
function(corebox_bpf_skeleton name src out_var)
  cmake_parse_arguments(S "COMPRESSED" "" "" ${ARGN})
  set(obj ${COREBOX_GEN_DIR}/${name}.bpf.o)
  set(skel ${COREBOX_GEN_DIR}/${name}.skel.h)
  corebox_bpf_compile(${name} ${src})
  if(S_COMPRESSED)
    set(finish $<TARGET_FILE:bpf_embed> ${obj} ${skel}.tmp ${skel})
    set(deps ${obj} bpf_embed)
  else()
    set(finish ${CMAKE_COMMAND} -E rename ${skel}.tmp ${skel})
    set(deps ${obj})
  endif()
  add_custom_command(
    OUTPUT ${skel}
    COMMAND ${BPFTOOL} gen skeleton ${obj} name ${name}_bpf > ${skel}.tmp
    COMMAND ${finish}
    DEPENDS ${deps}
    COMMENT "skeleton ${name}.skel.h"
    VERBATIM)
  set(${out_var} ${skel} PARENT_SCOPE)
endfunction()

# <name>.bpf.c -> ${COREBOX_GEN_DIR}/<name>.elf.h, which embeds the object with no
# skeleton, compressed, as <name>__elf_bytes(&size) for bpf::Object; sets <out_var> to
# the header path. Its user links corebox_core.
function(corebox_bpf_object name src out_var)
  set(obj ${COREBOX_GEN_DIR}/${name}.bpf.o)
  set(header ${COREBOX_GEN_DIR}/${name}.elf.h)
  corebox_bpf_compile(${name} ${src})
  add_custom_command(
    OUTPUT ${header}
    COMMAND $<TARGET_FILE:bpf_embed> --object ${name} ${obj} ${header}
    DEPENDS ${obj} bpf_embed
    COMMENT "embed ${name}.elf.h"
    VERBATIM)
  set(${out_var} ${header} PARENT_SCOPE)
endfunction()

# corebox_tool(<name> [ALIASES alias...]): the tool's BPF skeleton and front end.
function(corebox_tool name)
  cmake_parse_arguments(T "" "" "ALIASES" ${ARGN})
  set(dir ${CMAKE_SOURCE_DIR}/tools/${name})
  corebox_bpf_skeleton(${name} ${dir}/${name}.bpf.c skel COMPRESSED)
  add_library(tool_${name} OBJECT ${dir}/${name}.cpp ${skel})
  target_include_directories(tool_${name} PRIVATE ${dir} ${CMAKE_SOURCE_DIR}/tools ${COREBOX_GEN_DIR})
  target_link_libraries(tool_${name} PRIVATE corebox_core)
  # Every front end includes main/tool.h first: parse it once for all of them.
  if(NOT TARGET corebox_tool_pch)
    file(WRITE ${COREBOX_GEN_DIR}/tool_pch.cpp "// precompiled main/tool.h for the tools\n")
    add_library(corebox_tool_pch OBJECT ${COREBOX_GEN_DIR}/tool_pch.cpp)
    target_link_libraries(corebox_tool_pch PRIVATE corebox_core)
    target_precompile_headers(corebox_tool_pch PRIVATE ${CMAKE_SOURCE_DIR}/src/main/tool.h)
  endif()
  target_precompile_headers(tool_${name} REUSE_FROM corebox_tool_pch)
  set_property(GLOBAL APPEND PROPERTY COREBOX_TOOLS ${name})
  foreach(alias ${T_ALIASES})
    set_property(GLOBAL APPEND PROPERTY COREBOX_ALIASES "${alias}:${name}")
  endforeach()
endfunction()

# The registry of all declared tools, and the corebox binary itself.
function(corebox_binary)
  get_property(tools GLOBAL PROPERTY COREBOX_TOOLS)
  get_property(aliases GLOBAL PROPERTY COREBOX_ALIASES)
  set(decls "")
  set(entries "")
  set(objects "")
  foreach(t ${tools})
    string(APPEND decls "extern const corebox::Tool corebox_tool_${t};\n")
    string(APPEND entries "    &corebox_tool_${t},\n")
    list(APPEND objects $<TARGET_OBJECTS:tool_${t}>)
  endforeach()
  set(alias_entries "")
  foreach(a ${aliases})
    string(REPLACE ":" ";" pair ${a})
    list(GET pair 0 alias)
    list(GET pair 1 target)
    string(APPEND alias_entries "    {\"${alias}\", &corebox_tool_${target}},\n")
  endforeach()
  list(LENGTH tools ntools)
  list(LENGTH aliases naliases)
  if(naliases EQUAL 0)
    set(alias_entries "    {nullptr, nullptr},\n")
  endif()
  file(CONFIGURE OUTPUT ${COREBOX_GEN_DIR}/registry.cpp CONTENT
"// Generated by cmake/CoreboxBpf.cmake from the corebox_tool() lines.
#include \"main/tool.h\"
@decls@
namespace corebox {
const Tool* const kTools[] = {
@entries@};
const std::size_t kToolCount = @ntools@;
const Alias kAliases[] = {
@alias_entries@};
const std::size_t kAliasCount = @naliases@;
}  // namespace corebox
" @ONLY)
  # What a family of tools shares (tools/family/*.cpp), compiled once.
  file(GLOB families CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tools/family/*.cpp)
  add_library(corebox_tools STATIC ${COREBOX_GEN_DIR}/registry.cpp ${CMAKE_SOURCE_DIR}/src/main/tool.cpp ${families}
                                   ${objects})
  target_include_directories(corebox_tools PRIVATE ${CMAKE_SOURCE_DIR}/tools)
  target_link_libraries(corebox_tools PUBLIC corebox_core)
  add_executable(corebox ${CMAKE_SOURCE_DIR}/src/main/main.cpp)
  target_link_libraries(corebox PRIVATE corebox_tools)
  set_property(GLOBAL PROPERTY COREBOX_TOOL_NAMES "${tools}")
  # Symlinks next to the binary in the build tree, and on install.
  set(links "")
  foreach(t ${tools} ${aliases})
    string(REGEX REPLACE ":.*" "" t ${t})
    list(APPEND links ${t})
  endforeach()
  set(COREBOX_LINKS ${links} PARENT_SCOPE)
endfunction()
