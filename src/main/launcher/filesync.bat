@echo off
rem FileSync launcher (jlink image) for Windows: file names are UTF-16 there, so no locale fix is needed.
"%~dp0java.exe" --enable-native-access=io.filesync,javafx.graphics -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 %FILESYNC_JAVA_OPTIONS% -m io.filesync/io.filesync.Main %*
