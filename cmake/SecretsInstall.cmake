# Install rules, included from the top-level CMakeLists.txt when
# SECRETS_INSTALL is on. Layout (LIBDIR = CMAKE_INSTALL_LIBDIR, e.g. lib):
#   include/secrets.h, include/secrets.hpp
#   LIBDIR/libsecrets.so.X.Y.Z, libsecrets.so.X -> .., libsecrets.so -> ..
#   LIBDIR/libsecrets.a
#   bin/secrets, share/man/man1/secrets.1   (SECRETS_BUILD_CLI)
#   share/doc/secrets/: README.md, CHANGELOG.md, SECURITY.md, LICENSE-MIT,
#                       LICENSE-APACHE, NOTICE
# The installed libraries are stripped (the build tree keeps the debug
# information): the .so of everything but its dynamic symbols, the .a of
# debug information only.
#   LIBDIR/cmake/secrets/secretsConfig.cmake, secretsConfigVersion.cmake
#   LIBDIR/pkgconfig/secrets.pc, secrets-static.pc
# Every path below is derived from CMAKE_INSTALL_LIBDIR, so lib, lib64 and
# lib/<multiarch> stay consistent between the files, the CMake package and
# the pkg-config files.
include(CMakePackageConfigHelpers)

# Derived from CMAKE_INSTALL_LIBDIR on every configure (not cached, so a
# changed LIBDIR moves them too); pass -DSECRETS_INSTALL_CMAKEDIR=... or
# -DSECRETS_INSTALL_PKGCONFIGDIR=... to put them elsewhere.
if(NOT DEFINED SECRETS_INSTALL_CMAKEDIR)
  set(SECRETS_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/secrets")
endif()
if(NOT DEFINED SECRETS_INSTALL_PKGCONFIGDIR)
  set(SECRETS_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endif()

install(FILES "${SECRETS_INCLUDE_DIR}/secrets.h" "${SECRETS_INCLUDE_DIR}/secrets.hpp"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT Development)
# The real file and its two symlinks (file(INSTALL) keeps symlinks as symlinks).
install(FILES "${SECRETS_LIBRARY_DIR}/${SECRETS_SHARED_REAL}"
              "${SECRETS_LIBRARY_DIR}/${SECRETS_SONAME}"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                    WORLD_READ WORLD_EXECUTE
        COMPONENT Runtime)
install(FILES "${SECRETS_LIBRARY_DIR}/${SECRETS_SHARED_LINK}"
              "${SECRETS_LIBRARY_DIR}/libsecrets.a"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Development)

# install(FILES) copies; `cmake --install --strip` only strips install(TARGETS).
find_program(SECRETS_STRIP NAMES "${CMAKE_STRIP}" strip)
if(SECRETS_STRIP AND NOT APPLE)
  install(CODE "
    set(_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}\")
    if(IS_ABSOLUTE \"${CMAKE_INSTALL_LIBDIR}\")
      set(_dir \"\$ENV{DESTDIR}${CMAKE_INSTALL_LIBDIR}\")
    endif()
    foreach(_args \"--strip-unneeded;${SECRETS_SHARED_REAL}\" \"--strip-debug;libsecrets.a\")
      list(GET _args 1 _file)
      list(GET _args 0 _how)
      if(EXISTS \"\${_dir}/\${_file}\")
        message(STATUS \"Stripping (\${_how}): \${_dir}/\${_file}\")
        execute_process(COMMAND \"${SECRETS_STRIP}\" \${_how} \"\${_dir}/\${_file}\"
                        RESULT_VARIABLE _rc)
        if(NOT _rc EQUAL 0)
          message(FATAL_ERROR \"strip \${_how} \${_file} failed: \${_rc}\")
        endif()
      endif()
    endforeach()
  " COMPONENT Runtime)
endif()

# ---- the command-line tool and its man page --------------------------------
if(SECRETS_BUILD_CLI)
  install(TARGETS secrets_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Runtime)
  install(FILES "${PROJECT_SOURCE_DIR}/cli/secrets.1"
          DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT Runtime)
endif()

# ---- licences and documentation ----------------------------------------------
# NOTICE carries the attributions the binaries need (the EFF word list, CC BY
# 3.0 US, among them), so it ships with the Runtime component.
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE-MIT" "${PROJECT_SOURCE_DIR}/LICENSE-APACHE"
              "${PROJECT_SOURCE_DIR}/NOTICE" "${PROJECT_SOURCE_DIR}/README.md"
              "${PROJECT_SOURCE_DIR}/CHANGELOG.md" "${PROJECT_SOURCE_DIR}/SECURITY.md"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}" COMPONENT Runtime)

# ---- CMake package: find_package(secrets CONFIG) --------------------------
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/secretsConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/secretsConfig.cmake"
  INSTALL_DESTINATION "${SECRETS_INSTALL_CMAKEDIR}"
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR)
# SameMajorVersion: the SONAME carries the major version only (libsecrets.so.0
# for every 0.y.z), so any installed 0.y.z at least as new as the one asked for
# is a drop-in: within a major version functions are only ever added.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/secretsConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/secretsConfig.cmake"
              "${PROJECT_BINARY_DIR}/secretsConfigVersion.cmake"
        DESTINATION "${SECRETS_INSTALL_CMAKEDIR}" COMPONENT Development)

# ---- pkg-config ------------------------------------------------------------
# Written at install time, so that `cmake --install build --prefix P` gets
# prefix=P (not the prefix configured earlier); DESTDIR is honoured.
set(SECRETS_PC_LIBS_PRIVATE "")
foreach(lib IN LISTS SECRETS_NATIVE_STATIC_LIBS)
  string(APPEND SECRETS_PC_LIBS_PRIVATE " -l${lib}")
endforeach()
string(STRIP "${SECRETS_PC_LIBS_PRIVATE}" SECRETS_PC_LIBS_PRIVATE)
configure_file("${PROJECT_SOURCE_DIR}/cmake/InstallPkgConfig.cmake.in"
               "${PROJECT_BINARY_DIR}/InstallPkgConfig.cmake" @ONLY)
install(SCRIPT "${PROJECT_BINARY_DIR}/InstallPkgConfig.cmake" COMPONENT Development)
