#!/usr/bin/env bash
# The image's file system besides the application, for Jib to build FROM scratch (docs/deploy.md): no base image is
# pulled from any registry. Makes DIR with
#   /opt/java          a Java runtime jlink'd from the building JDK (21+, linking from its own run-time image when it
#                      ships no jmods), only the modules ccr uses
#   /lib..., /lib64... the C library files that runtime loads, copied from this machine as ldd finds them
#   /tmp, /home/ccr    writable places (the SQLite driver unpacks its native library into /tmp)
# Usage: deploy/image-root.sh JAVA_HOME DIR
set -euo pipefail

java_home=${1:?usage: image-root.sh JAVA_HOME DIR}
root=${2:?usage: image-root.sh JAVA_HOME DIR}

# What `jdeps --print-module-deps --ignore-missing-deps target/ccr.jar` reports, plus the modules loaded by name at
# run time: jdk.zipfs (preset archives), jdk.charsets, jdk.crypto.cryptoki (TLS providers).
modules=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql
modules+=,jdk.httpserver,jdk.internal.vm.ci,jdk.jfr,jdk.management,jdk.net,jdk.unsupported
modules+=,jdk.zipfs,jdk.charsets,jdk.crypto.cryptoki

rm -rf "$root"
mkdir -p "$root/opt" "$root/tmp" "$root/home/ccr/.claude-code-router"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --output "$root/opt/java"

# Every library the launcher, the JVM and the runtime's own libraries need from outside the runtime, the dynamic
# loader included (the X11 and sound ones of java.desktop are never loaded: ccr runs headless).
libraries() {
    for file in "$root/opt/java/bin/java" "$root"/opt/java/lib/server/libjvm.so "$root"/opt/java/lib/*.so; do
        case "$file" in */libawt_xawt.so|*/libjawt.so|*/libsplashscreen.so|*/libjsound.so) continue ;; esac
        ldd "$file" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'
    done | grep -v "^$root" | sort -u
}
for library in $(libraries); do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
done
echo "image root in $root: $(du -sh "$root" | cut -f1), libraries: $(libraries | xargs -n1 basename | tr '\n' ' ')"
