#!/usr/bin/env bash
# Throw-away delivery servers for the push tests, on 127.0.0.1 only:
#   Radicale  (CalDAV, htpasswd auth, request log at info level)
#   Xandikos  (CalDAV, no auth: it expects a proxy in front for that)
#   Dovecot   (IMAP on a plain port, implicit TLS on another, STARTTLS on
#              the plain one; one test user; Drafts with \Drafts special-use)
#
#   tests/delivery/servers.sh start   # idempotent: starts what is not running
#   tests/delivery/servers.sh env     # prints `export NAME=value` lines
#   tests/delivery/servers.sh stop    # stops what start started
#
# Everything (config, data, certificates, logs, pid files) lives under
# target/delivery/ (or $DELIVERY_DIR). The Debian packages (radicale,
# xandikos, dovecot-imapd, openssl) must be installed: scripts/test.sh does
# that. Nothing goes through systemd (CI has none): each server is started
# directly with our config. Ports are picked free at the first start and kept
# in the state folder, so `env` prints the same URLs until `stop`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${DELIVERY_DIR:-$root/target/delivery}"
py=/usr/bin/python3 # Debian's, where radicale and xandikos live

# Test credentials: throw-away, loopback only.
cal_user=beth
cal_pass=radicale-test-pw
imap_user=beth
imap_pass=dovecot-test-pw

free_port() {
    "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# port NAME: the port kept for NAME, picked on first use.
port() {
    local f="$dir/ports/$1"
    if [[ ! -s $f ]]; then
        mkdir -p "$dir/ports"
        free_port >"$f"
    fi
    cat "$f"
}

alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_port PORT NAME LOG: until something listens on PORT (10 s at most).
wait_port() {
    for _ in $(seq 100); do
        if "$py" -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "servers.sh: $2 did not start on 127.0.0.1:$1; its log:" >&2
    tail -n 30 "$3" >&2 || true
    return 1
}

certs() {
    # A throw-away CA and a server certificate for localhost / 127.0.0.1;
    # tests point SSL_CERT_FILE at the CA (rustls-native-certs honours it).
    local c="$dir/tls"
    [[ -s $c/server.pem && -s $c/ca.pem ]] && return 0
    mkdir -p "$c"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=followup test CA" \
        -keyout "$c/ca.key" -out "$c/ca.pem" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
        -keyout "$c/server.key" -out "$c/server.csr" >/dev/null 2>&1
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$c/ext.cnf"
    openssl x509 -req -in "$c/server.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" -CAcreateserial \
        -days 3650 -extfile "$c/ext.cnf" -out "$c/server.pem" >/dev/null 2>&1
    chmod 0644 "$c/server.key"
}

start_radicale() {
    local d="$dir/radicale" p
    p="$(port radicale)"
    alive "$d/pid" && return 0
    mkdir -p "$d/collections"
    # htpasswd with bcrypt would need python3-bcrypt; plain is fine for a
    # throw-away loopback user.
    printf '%s:%s\n' "$cal_user" "$cal_pass" >"$d/users"
    cat >"$d/config" <<EOF
[server]
hosts = 127.0.0.1:$p
max_connections = 64
[auth]
type = htpasswd
htpasswd_filename = $d/users
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = $d/collections
[web]
type = none
[logging]
level = info
mask_passwords = True
EOF
    : >"$d/log"
    "$py" -m radicale --config "$d/config" >>"$d/log" 2>&1 </dev/null &
    echo $! >"$d/pid"
    wait_port "$p" radicale "$d/log"
}

start_xandikos() {
    local d="$dir/xandikos" p
    p="$(port xandikos)"
    alive "$d/pid" && return 0
    mkdir -p "$d/data"
    : >"$d/log"
    "$py" -m xandikos.web --defaults -d "$d/data" -l 127.0.0.1 -p "$p" >>"$d/log" 2>&1 </dev/null &
    echo $! >"$d/pid"
    wait_port "$p" xandikos "$d/log"
}

# Where Dovecot's sockets, users file and mail live. As root, Dovecot's
# unprivileged processes (dovenull, dovecot, nobody) must reach them, and
# the checkout may sit under a folder they cannot enter: so a folder of
# their own under /tmp, named after this state folder.
dovecot_var() {
    if [[ $(id -u) -eq 0 ]]; then
        echo "${TMPDIR:-/tmp}/followup-dovecot-$(printf '%s' "$dir" | sha256sum | cut -c1-12)"
    else
        echo "$dir/dovecot"
    fi
}

start_dovecot() {
    local d="$dir/dovecot" v p ps owner group
    v="$(dovecot_var)"
    p="$(port imap)"
    ps="$(port imaps)"
    alive "$d/pid" && return 0
    certs
    mkdir -p "$d" "$v/run" "$v/state" "$v/home"
    # Mail is stored as an unprivileged user: the one running this script,
    # or `nobody` when that is root (Dovecot refuses uid 0 for mail).
    if [[ $(id -u) -eq 0 ]]; then
        owner=nobody
        group=nogroup
        chmod 0755 "$v"
        chown nobody:nogroup "$v/home"
    else
        owner="$(id -un)"
        group="$(id -gn)"
    fi
    printf '%s:{PLAIN}%s\n' "$imap_user" "$imap_pass" >"$v/users"
    chmod 0644 "$v/users"
    cat >"$d/dovecot.conf" <<EOF
# Throw-away Dovecot for the push tests; nothing outside $d and $v.
base_dir = $v/run
state_dir = $v/state
instance_name = followup-test-$p
log_path = $d/log
info_log_path = $d/log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$dir/tls/server.pem
ssl_key = <$dir/tls/server.key
# Plain LOGIN is allowed without TLS: loopback only, throw-away user.
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = $(id -u "$owner")
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $v/users
}
userdb {
  driver = static
  args = uid=$owner gid=$group home=$v/home/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = create
  }
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $p
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $ps
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
# mail_log: one log line per saved (APPENDed), flagged, expunged message:
# the tests count the server's own record of writes.
mail_plugins = notify mail_log
plugin {
  mail_log_events = save delete undelete expunge flag_change copy mailbox_create mailbox_delete
  mail_log_fields = uid box msgid flags
}
EOF
    if [[ $(id -u) -ne 0 ]]; then
        # Not root: no privilege drop, every process runs as this user.
        sed -i -e "s/^default_login_user = .*/default_login_user = $owner/" \
            -e "s/^default_internal_user = .*/default_internal_user = $owner/" "$d/dovecot.conf"
    fi
    : >"$d/log"
    /usr/sbin/dovecot -c "$d/dovecot.conf" -F >>"$d/log" 2>&1 </dev/null &
    echo $! >"$d/pid"
    wait_port "$p" dovecot "$d/log"
    wait_port "$ps" dovecot "$d/log"
}

stop_one() {
    local name="$1" pidf="$dir/$1/pid"
    if alive "$pidf"; then
        local pid
        pid="$(cat "$pidf")"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "servers.sh: $name ($pid) did not stop on SIGTERM; sending SIGKILL" >&2
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$pidf"
}

print_env() {
    cat <<EOF
export FOLLOWUP_TEST_RADICALE_URL=http://127.0.0.1:$(port radicale)/
export FOLLOWUP_TEST_RADICALE_USER=$cal_user
export FOLLOWUP_TEST_RADICALE_PASSWORD=$cal_pass
export FOLLOWUP_TEST_RADICALE_LOG=$dir/radicale/log
export FOLLOWUP_TEST_XANDIKOS_URL=http://127.0.0.1:$(port xandikos)/
export FOLLOWUP_TEST_IMAP_URL=imap://127.0.0.1:$(port imap)
export FOLLOWUP_TEST_IMAPS_URL=imaps://localhost:$(port imaps)
export FOLLOWUP_TEST_IMAP_STARTTLS_URL=imap://localhost:$(port imap)
export FOLLOWUP_TEST_IMAP_USER=$imap_user
export FOLLOWUP_TEST_IMAP_PASSWORD=$imap_pass
export FOLLOWUP_TEST_IMAP_LOG=$dir/dovecot/log
export FOLLOWUP_TEST_CA=$dir/tls/ca.pem
EOF
}

case "${1:-}" in
start)
    mkdir -p "$dir"
    start_radicale
    start_xandikos
    start_dovecot
    print_env >"$dir/env"
    echo "servers.sh: radicale :$(port radicale), xandikos :$(port xandikos), dovecot :$(port imap)/:$(port imaps) (logs in $dir)" >&2
    ;;
env)
    print_env
    ;;
stop)
    stop_one dovecot
    stop_one xandikos
    stop_one radicale
    if [[ $(id -u) -eq 0 ]]; then
        rm -rf "$(dovecot_var)"
    fi
    rm -rf "$dir/ports"
    ;;
*)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac
