#!/usr/bin/env bash
# Bootstrap a fresh Debian machine with Python 3.11, or refresh an existing checkout.
# Idempotent: re-running is fast when .venv is already up to date with pyproject.toml.
#
#   bash scripts/setup.sh          # creates .venv and installs the project with its dev extra
#
# Environment: PYTHON (default python3.11, else python3) picks the interpreter for the venv.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.setup-stamp"
TORCH_SPEC="torch==2.13.0"  # keep in step with pyproject.toml; installed first so no CUDA build

say() { printf '==> %s\n' "$*"; }
die() { printf 'setup.sh: error: %s\n' "$*" >&2; exit 1; }

# ---- Debian packages ------------------------------------------------------------------------
# Debian packages the project needs, installed only if missing, only with apt-get and as root:
# chromium + chromium-driver + fonts-noto-cjk run the web chat page's browser test (Korean glyphs);
# espeak-ng speaks (text to speech), libportaudio2 opens microphone and speaker for `assistant
# voice`, pocketsphinx-testdata holds the real English recordings the voice tests transcribe.
APT_PACKAGES=(chromium chromium-driver fonts-noto-cjk espeak-ng libportaudio2 pocketsphinx-testdata)

if ((${#APT_PACKAGES[@]})); then
    missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        if ! command -v apt-get >/dev/null 2>&1; then
            die "missing system packages (${missing[*]}) and no apt-get; install them by hand"
        elif [[ $(id -u) -ne 0 ]]; then
            die "missing system packages (${missing[*]}); run: sudo apt-get install ${missing[*]}"
        fi
        say "installing Debian packages: ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
fi

# ---- Python virtual environment -----------------------------------------------------------
if [[ ! -x "$VENV/bin/python" ]]; then
    PYTHON="${PYTHON:-}"
    if [[ -z "$PYTHON" ]]; then
        if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
    fi
    command -v "$PYTHON" >/dev/null 2>&1 || die "no $PYTHON found; install Python 3.11"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$PYTHON is $("$PYTHON" -V 2>&1); Python 3.11 or newer is required"
    say "creating virtual environment in .venv ($("$PYTHON" -V 2>&1))"
    "$PYTHON" -m venv "$VENV" \
        || die "could not create .venv; on Debian: apt-get install python3.11-venv"
fi

if [[ -f "$STAMP" && "$STAMP" -nt "$ROOT/pyproject.toml" ]]; then
    say "dependencies up to date (.venv/.setup-stamp is newer than pyproject.toml)"
    exit 0
fi

PIP=("$VENV/bin/python" -m pip --quiet --disable-pip-version-check)

say "upgrading pip"
"${PIP[@]}" install --upgrade pip

say "installing $TORCH_SPEC (CPU build; may take a few minutes the first time)"
"${PIP[@]}" install "$TORCH_SPEC"

say "installing the project and its dev tools (pip install -e .[dev])"
"${PIP[@]}" install -e "$ROOT[dev]"

touch "$STAMP"
say "done: $("$VENV/bin/python" -c 'import assistant, torch; print("assistant", assistant.__version__, "torch", torch.__version__)')"
