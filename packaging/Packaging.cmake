# Installation layout and the Debian package (CPack DEB). Built by packaging/make-deb.sh.
include(GNUInstallDirs)

install(FILES ${CMAKE_SOURCE_DIR}/resources/desktop/io.slipway.Slipway.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/desktop/io.slipway.Slipway.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/slipway.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# The PNG icons are rendered from the SVG at build time with Qt Svg (no image tool, no SVG delegate).
set(SLIPWAY_ICON_SIZES 48 64 128 256)
add_executable(slipway_render_icon ${CMAKE_SOURCE_DIR}/packaging/render-icon/main.cpp)
target_link_libraries(slipway_render_icon PRIVATE Qt6::Gui Qt6::Svg)
set(_icon_pngs)
foreach(size IN LISTS SLIPWAY_ICON_SIZES)
  list(APPEND _icon_pngs ${CMAKE_BINARY_DIR}/icons/${size}/slipway.png)
  install(FILES ${CMAKE_BINARY_DIR}/icons/${size}/slipway.png DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
add_custom_command(OUTPUT ${_icon_pngs}
  COMMAND slipway_render_icon ${CMAKE_SOURCE_DIR}/resources/icons/slipway.svg ${CMAKE_BINARY_DIR}/icons ${SLIPWAY_ICON_SIZES}
  DEPENDS slipway_render_icon ${CMAKE_SOURCE_DIR}/resources/icons/slipway.svg
  COMMENT "Rendering the application icon")
add_custom_target(slipway_icons ALL DEPENDS ${_icon_pngs})
install(FILES ${CMAKE_BINARY_DIR}/man/slipway.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 OPTIONAL)

# A KArchive built from source into .deps/kf6 travels inside the package, found through $ORIGIN/../lib/slipway.
get_target_property(_karchive_location KF6::Archive IMPORTED_LOCATION_RELWITHDEBINFO)
if(NOT _karchive_location)
  get_target_property(_karchive_location KF6::Archive IMPORTED_LOCATION_RELEASE)
endif()
if(_karchive_location AND _karchive_location MATCHES "^${CMAKE_SOURCE_DIR}/")
  file(GLOB _karchive_files "${_karchive_location}*")
  get_filename_component(_karchive_dir ${_karchive_location} DIRECTORY)
  file(GLOB _karchive_sonames "${_karchive_dir}/libKF6Archive.so.*")
  install(FILES ${_karchive_sonames} DESTINATION lib/slipway)
  set(SLIPWAY_PRIVATE_LIB_DIR ${_karchive_dir})
endif()
set_target_properties(slipway PROPERTIES INSTALL_RPATH "$ORIGIN/../lib/slipway")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME slipway)
set(CPACK_PACKAGE_VENDOR "The Slipway team")
set(CPACK_PACKAGE_CONTACT "Slipway team <team@slipway.example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Release manager for self-hosted, encrypted Capacitor live updates")
set(CPACK_PACKAGE_DESCRIPTION "Zips, encrypts, verifies, uploads and registers Capgo-compatible live-update bundles, with a tamper-evident release history.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(SLIPWAY_PRIVATE_LIB_DIR)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${SLIPWAY_PRIVATE_LIB_DIR})
endif()
# Runtime plugins dlopen()ed by Qt are invisible to shlibdeps.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
# A team's shared history on PostgreSQL (--history postgresql://...) needs Qt's PostgreSQL driver.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://slipway.example.org/")
set(CPACK_STRIP_FILES ON)
include(CPack)
