@echo off
rem FileSync launcher (jlink image) for Windows: file names are UTF-16 there, so no locale fix is needed.
rem The Java options come from src/main/launcher/java-options.properties (filled in at `package`; the reasons are
rem there): every start's, then the window's (no command) or the commands' collector, and the matching AOT cache
rem where the image has one (they are trained on Linux and macOS only). Not the collector when FILESYNC_JAVA_OPTIONS
rem chooses one itself (two would be an error).
setlocal
set "gc=@window.options@"
set "cache=@window.aot@"
for %%c in (plan sync verify help -h --help -V --version) do if "%~1"=="%%c" (
  set "gc=@commands.options@"
  set "cache=@commands.aot@"
)
if defined FILESYNC_JAVA_OPTIONS echo(%FILESYNC_JAVA_OPTIONS%| findstr /r /c:"-XX:+Use.*GC" >nul && set "gc="
set "aot="
if exist "%~dp0..\lib\%cache%" set aot="-XX:AOTCache=%~dp0..\lib\%cache%"
"%~dp0java.exe" %aot% @java.options@ %gc% %FILESYNC_JAVA_OPTIONS% -m io.filesync/io.filesync.Main %*
exit /b %errorlevel%
