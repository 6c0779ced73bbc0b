# Sourced by every serve-*.sh before it execs vLLM, with name, VLLM and PINNED_VLLM_VERSION set: refuses to start
# without a vllm executable, and warns when the installed vLLM is not the pinned one or no API key is set.
# shellcheck shell=bash disable=SC2154  # name, VLLM and PINNED_VLLM_VERSION come from the serve script
if ! command -v "$VLLM" >/dev/null 2>&1; then
  echo "$name: '$VLLM' is not on PATH: install vLLM ($PINNED_VLLM_VERSION) into a venv with" \
       "pip install -r infra/vllm/requirements.txt, activate it, or set VLLM to its vllm executable" >&2
  exit 1
fi
python="$(dirname "$(command -v "$VLLM")")/python"
if [[ -x "$python" ]]; then
  installed="$("$python" -c 'import importlib.metadata as m; print(m.version("vllm"))' 2>/dev/null || true)"
  if [[ -n "$installed" && "$installed" != "$PINNED_VLLM_VERSION" ]]; then
    echo "$name: vLLM $installed is installed, these flags were written for $PINNED_VLLM_VERSION:" \
         "check infra/README.md (version caveats) and run bin/ponder endpoints check" >&2
  fi
fi
# The key is read by vLLM from VLLM_API_KEY in its environment: never put it on the command line, where ps shows it.
if [[ -z "${VLLM_API_KEY:-}" ]]; then
  echo "$name: VLLM_API_KEY is not set: /v1 answers requests without a key${NO_KEY_NOTE:-}" >&2
fi
