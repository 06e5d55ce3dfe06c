# The C (and C++) tests, included from the top-level CMakeLists.txt when
# SECRETS_BUILD_TESTS is on.
#
#   c_<name>_shared / c_<name>_static   every ctests/test_*.c, against each library
#   header_c99 / header_c11             the header compiled as strict C99 / C11
#   cpp_cxx11 / cpp_cxx17               ctests/cpp/test_cpp.cpp as strict C++11 / C++17
#   hpp_cxx17 / hpp_cxx20               ctests/cpp/test_hpp.cpp (secrets.hpp) as strict C++17 / C++20
#   hpp_nodiscard_ok / _ignored         a dropped verification result fails to compile
#   abi_exports                         SONAME, symlinks, only secrets_* exported, version nodes
#   (cli/CMakeLists.txt adds `cli`; the abidiff baseline check is in .ci/packaging.sh)
#   python_binding                      bindings/python tests against the built library
#   demo                                ./demo runs and exits 0
#
# SECRETS_SANITIZE=ON builds the C and C++ tests with ASan + UBSan and links
# them to the shared library only (the Rust library is not instrumented).

set(_secrets_tests_dir "${PROJECT_SOURCE_DIR}/ctests")

if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  set(_secrets_warnings -Wall -Wextra -Werror)
  set(_secrets_pedantic -Wall -Wextra -Wpedantic -Werror)
elseif(MSVC)
  set(_secrets_warnings /W4 /WX)
  set(_secrets_pedantic /W4 /WX)
endif()

set(_secrets_sanitize_flags "")
if(SECRETS_SANITIZE)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "SECRETS_SANITIZE needs GCC or Clang")
  endif()
  set(_secrets_sanitize_flags
      -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  set(_secrets_variants shared)
else()
  set(_secrets_variants shared static)
endif()

find_library(SECRETS_LIBM m)

# Common settings of every test program.
function(_secrets_test_program target)
  set_target_properties(${target} PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}/ctests")
  target_include_directories(${target} PRIVATE "${_secrets_tests_dir}")
  target_compile_definitions(${target} PRIVATE _DEFAULT_SOURCE)
  if(_secrets_sanitize_flags)
    target_compile_options(${target} PRIVATE ${_secrets_sanitize_flags})
    target_link_options(${target} PRIVATE ${_secrets_sanitize_flags})
  endif()
  if(SECRETS_LIBM)
    target_link_libraries(${target} PRIVATE ${SECRETS_LIBM})
  endif()
endfunction()

function(_secrets_library_of variant out)
  if(variant STREQUAL "static")
    set(${out} secrets::secrets_static PARENT_SCOPE)
  else()
    set(${out} secrets::secrets PARENT_SCOPE)
  endif()
endfunction()

# Sanitizer reports must fail the test, not scroll by.
set(_secrets_test_env
    "ASAN_OPTIONS=abort_on_error=0:halt_on_error=1:detect_leaks=1:strict_string_checks=1"
    "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")

# ---- ctests/test_*.c: every file another contributor adds joins here ------
file(GLOB _secrets_c_tests CONFIGURE_DEPENDS "${_secrets_tests_dir}/test_*.c")
list(SORT _secrets_c_tests)
foreach(source IN LISTS _secrets_c_tests)
  get_filename_component(name "${source}" NAME_WE)
  foreach(variant IN LISTS _secrets_variants)
    set(target "${name}_${variant}")
    add_executable(${target} "${source}")
    _secrets_library_of(${variant} library)
    target_link_libraries(${target} PRIVATE ${library})
    set_target_properties(${target} PROPERTIES
      C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
    target_compile_options(${target} PRIVATE ${_secrets_warnings})
    _secrets_test_program(${target})
    add_test(NAME c_${target} COMMAND ${target})
    set_tests_properties(c_${target} PROPERTIES
      ENVIRONMENT "${_secrets_test_env}" LABELS "c;${variant}")
  endforeach()
endforeach()

# ---- the header alone, as strict C99 and C11 ------------------------------
foreach(std 99 11)
  set(target header_c${std})
  add_executable(${target} "${_secrets_tests_dir}/header/header_check.c")
  target_link_libraries(${target} PRIVATE secrets::secrets)
  set_target_properties(${target} PROPERTIES
    C_STANDARD ${std} C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE ${_secrets_pedantic})
  _secrets_test_program(${target})
  add_test(NAME ${target} COMMAND ${target})
  set_tests_properties(${target} PROPERTIES
    ENVIRONMENT "${_secrets_test_env}" LABELS "header")
endforeach()

# ---- C++: secrets.h's extern "C" guards and enum in C++11 and C++17 -------
# (C++ is enabled by the top-level CMakeLists.txt when a compiler exists.)
if(CMAKE_CXX_COMPILER)
  foreach(std 11 17)
    set(target cpp_cxx${std})
    add_executable(${target} "${_secrets_tests_dir}/cpp/test_cpp.cpp")
    target_link_libraries(${target} PRIVATE secrets::secrets)
    set_target_properties(${target} PROPERTIES
      CXX_STANDARD ${std} CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF)
    target_compile_options(${target} PRIVATE ${_secrets_pedantic})
    _secrets_test_program(${target})
    add_test(NAME ${target} COMMAND ${target})
    set_tests_properties(${target} PROPERTIES
      ENVIRONMENT "${_secrets_test_env}" LABELS "cpp")
  endforeach()

  # secrets.hpp, the C++ API: C++17, and C++20 (std::span) where known.
  set(_secrets_hpp_stds 17)
  if("cxx_std_20" IN_LIST CMAKE_CXX_COMPILE_FEATURES)
    list(APPEND _secrets_hpp_stds 20)
  endif()
  foreach(std IN LISTS _secrets_hpp_stds)
    set(target hpp_cxx${std})
    add_executable(${target} "${_secrets_tests_dir}/cpp/test_hpp.cpp")
    target_link_libraries(${target} PRIVATE secrets::secrets)
    set_target_properties(${target} PROPERTIES
      CXX_STANDARD ${std} CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF)
    target_compile_options(${target} PRIVATE ${_secrets_pedantic})
    _secrets_test_program(${target})
    add_test(NAME ${target} COMMAND ${target})
    set_tests_properties(${target} PROPERTIES
      ENVIRONMENT "${_secrets_test_env}" LABELS "cpp")
  endforeach()
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    foreach(variant ok ignored)
      set(_secrets_nodiscard_args
          -std=c++17 ${_secrets_pedantic} -fsyntax-only -I "${SECRETS_INCLUDE_DIR}"
          "${_secrets_tests_dir}/cpp/nodiscard_hpp.cpp")
      if(variant STREQUAL "ignored")
        list(APPEND _secrets_nodiscard_args -DSECRETS_IGNORE_RESULT)
      endif()
      add_test(NAME hpp_nodiscard_${variant} COMMAND "${CMAKE_CXX_COMPILER}" ${_secrets_nodiscard_args})
      set_tests_properties(hpp_nodiscard_${variant} PROPERTIES LABELS "cpp")
    endforeach()
    set_tests_properties(hpp_nodiscard_ignored PROPERTIES WILL_FAIL TRUE)
  endif()
else()
  message(STATUS "libsecrets: no C++ compiler, C++ header tests skipped")
endif()

# ---- ABI: SONAME, symlinks and the exported symbols of the built library --
find_program(SECRETS_SH sh)
find_program(SECRETS_READELF readelf)
if(SECRETS_SH AND SECRETS_READELF AND NOT APPLE)
  add_test(NAME abi_exports
    COMMAND "${SECRETS_SH}" "${PROJECT_SOURCE_DIR}/.ci/check-abi.sh"
            "${SECRETS_LIBRARY_DIR}" "${PROJECT_VERSION}")
  set_tests_properties(abi_exports PROPERTIES LABELS "abi")
endif()

# ---- the Python ctypes binding, against the library just built ------------
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/bindings/python/tests")
  add_test(NAME python_binding
    COMMAND "${Python3_EXECUTABLE}" -m unittest discover -s tests -t .
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}/bindings/python")
  set_tests_properties(python_binding PROPERTIES
    ENVIRONMENT "LIBSECRETS_PATH=${SECRETS_LIBRARY_DIR}/${SECRETS_SONAME};PYTHONDONTWRITEBYTECODE=1"
    LABELS "python")
endif()

# ---- the demo must run to completion ----------------------------------------
if(TARGET demo)
  add_test(NAME demo COMMAND demo)
  set_tests_properties(demo PROPERTIES LABELS "demo")
endif()
