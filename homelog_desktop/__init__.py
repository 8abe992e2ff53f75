"""Home Log Desktop: a household's meter and sensor readings, and what they mean."""

__version__ = "0.1.0"
APP_NAME = "Home Log"
APP_ID = "io.github.homelog.HomeLog"
#: Where the project lives (the About dialog, the Linux metainfo and the installers link to it).
HOMEPAGE = "https://github.com/homelog/homelog-desktop"
