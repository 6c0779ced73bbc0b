#!/usr/bin/env bash
# ponder's PRM: peiyi9979/math-shepherd-mistral-7b-prm behind vLLM as a plain generator, read through log-probabilities.
#
# ponder profile: math-shepherd (prm-format token-prob, template none, step-tag ки). For every step k ponder sends
# the raw text "problem step1 ки\n...\nstepk ки" to /v1/completions with max_tokens 1, temperature 0 and logprobs 20:
# the next-token distribution after the tag is the model card's logits at the tag, and the step scores
# e^a / (e^a + e^b) from the log-probabilities of "+" (id 648) and "-" (id 387). Pinned: vllm==0.11.0.
#
# Not through vLLM's STEP pooling (--runner pooling --convert reward with step_tag_id 12902 and returned_token_ids
# [648, 387], the route vLLM documents): the reward conversion drops lm_head and the pooler then reads those ids out
# of the hidden state instead of the vocabulary logits (vllm-project/vllm#16545, unfixed through 0.11), so its
# numbers are not the model card's P(+).
#
# Settings are environment variables (defaults below); arguments are passed on to `vllm serve` unchanged.
set -euo pipefail

MODEL="${MODEL:-peiyi9979/math-shepherd-mistral-7b-prm}"
# The name clients must send as "model": ponder's profile `model` has to be exactly this.
SERVED_MODEL_NAME="${SERVED_MODEL_NAME:-$MODEL}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8001}"
GPU_MEMORY_UTILIZATION="${GPU_MEMORY_UTILIZATION:-0.90}"
# The longest prompt is a whole solution with a tag per step.
MAX_MODEL_LEN="${MAX_MODEL_LEN:-8192}"
# The cap on top log-probabilities a request may ask for (vLLM's default is 20). ponder asks for its profile's
# `logprobs` (default 20): raise both together, or vLLM refuses the request with HTTP 400.
MAX_LOGPROBS="${MAX_LOGPROBS:-20}"
DTYPE="${DTYPE:-bfloat16}"
VLLM="${VLLM:-vllm}"
PINNED_VLLM_VERSION="0.11.0"

name="serve-prm-math-shepherd"
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
if [[ -z "${VLLM_API_KEY:-}" ]]; then
  echo "$name: VLLM_API_KEY is not set: /v1 answers requests without a key" >&2
fi

# --enable-prefix-caching: the prompt for step k extends the prompt for step k-1, and a beam's candidates share
# their first steps. ponder reads the generated token's logprobs, not prompt_logprobs (which skip cache reads).
exec "$VLLM" serve "$MODEL" \
  --served-model-name "$SERVED_MODEL_NAME" \
  --host "$HOST" \
  --port "$PORT" \
  --dtype "$DTYPE" \
  --max-model-len "$MAX_MODEL_LEN" \
  --gpu-memory-utilization "$GPU_MEMORY_UTILIZATION" \
  --max-logprobs "$MAX_LOGPROBS" \
  --enable-prefix-caching \
  "$@"
