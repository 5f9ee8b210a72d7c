#!/usr/bin/env bash
# The app's peak memory on the bundled seed library, as a reader would meet it (issue 10).
#
#     benchmarks/app_rss.sh VENV [RUNS]      # VENV: a virtualenv with kbreader installed
#
# For each run: a private HOME and XDG folders (a first start: sync, facts pass, pinyin), the
# app in tmux at 160x48, "/" 图日林 Enter, then VmHWM of its Python process in MB. Needs tmux.
# Compare two installs by alternating: app_rss.sh OLD 1; app_rss.sh NEW 1; ... on one machine.
set -u
venv=$(cd "$1" && pwd)
runs=${2:-3}
server=kbreader-rss-$$
trap 'tmux -L "$server" kill-server 2>/dev/null' EXIT
for _ in $(seq "$runs"); do
    home=$(mktemp -d)
    tmux -L "$server" new-session -d -s rss -x 160 -y 48 \
        "env -i PATH=/usr/bin:/bin HOME=$home TERM=xterm-256color XDG_CACHE_HOME=$home/c \
         XDG_DATA_HOME=$home/d XDG_CONFIG_HOME=$home/cf XDG_STATE_HOME=$home/s $venv/bin/kbreader"
    sleep 12  # start, sync and the facts pass of one article
    pid=$(pgrep -f "python[0-9.]* $venv/bin/kbreader" | head -1)
    tmux -L "$server" send-keys -t rss /
    sleep 1
    tmux -L "$server" send-keys -t rss 图日林 Enter
    sleep 8
    awk '/VmHWM/ {printf "%.1f MB\n", $2 / 1024}' "/proc/$pid/status"
    tmux -L "$server" kill-session -t rss
    rm -rf "$home"
done
