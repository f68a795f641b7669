#!/usr/bin/env bash
# Runs target/jib-image.tar without a container runtime, to check the image holds everything ccr needs: unpacks its
# layers in order into a folder, mounts /proc there (the dynamic loader finds the Java launcher's libraries through
# it), and starts the image's own entrypoint and arguments under chroot as the image's user, with a config that
# listens on PORT, then asks GET /health and stops it. Needs root (chroot, mount) and python3; not part of the build.
# Usage: deploy/try-image.sh [IMAGE_TAR] [PORT]
set -euo pipefail

image=${1:-target/jib-image.tar}
port=${2:-39456}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/image" "$work/root"
tar -xf "$image" -C "$work/image"
for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/image/manifest.json"); do
    tar --warning=no-unknown-keyword -xzf "$work/image/$layer" -C "$work/root"
done
image_config="$work/image/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' "$work/image/manifest.json")"
user=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"]["User"])' "$image_config")
mapfile -t command < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["config"]; print("\n".join(c["Entrypoint"] + (c.get("Cmd") or [])))' "$image_config")
echo "{\"PORT\": $port, \"Providers\": [], \"Router\": {}}" > "$work/root/home/ccr/.claude-code-router/config.json"
mkdir -p "$work/root/proc"

echo "running ${command[*]} as $user in $(du -sh "$work/root" | cut -f1) of image files"
chroot=$(command -v chroot)
unshare --mount --pid --fork --kill-child=SIGTERM \
    sh -c 'mount -t proc proc "$1/proc" && chroot=$2 && shift 2 && exec env -i HOME=/home/ccr "$chroot" --userspec="$@"' \
    sh "$work/root" "$chroot" "$user" "$work/root" "${command[@]}" > "$work/ccr.log" 2>&1 &
runner=$!
# unshare ignores SIGTERM while it waits: ccr, its child (PID 1 inside), is the one to stop
stop() { kill $(cat "/proc/$runner/task/$runner/children" 2>/dev/null) 2>/dev/null || true; wait "$runner" 2>/dev/null || true; }
for _ in $(seq 1 60); do
    if answer=$(curl -sf "http://127.0.0.1:$port/health"); then
        echo "GET /health: $answer"
        stop
        exit 0
    fi
    sleep 0.5
done
echo "ccr did not answer GET /health within 30 s; its output:" >&2
cat "$work/ccr.log" >&2
stop
exit 1
