#!/usr/bin/env bash
# ponder's PRM: RLHFlow/Llama3.1-8B-PRM-Deepseek-Data behind vLLM, as a plain generator read through log-probabilities.
#
# ponder profile: rlhflow-8b-prm (prm-format token-prob, template llama3). For every step k of a candidate ponder
# sends the chat "user: problem + step 1, assistant: +, ..., user: step k" with the assistant header open to
# /v1/completions with max_tokens 1, temperature 0 and logprobs 20, and scores the step e^a / (e^a + e^b) from the
# log-probabilities a, b of "+" and "-" at that position. Pinned: vllm==0.11.0 (requirements.txt next to this file).
#
# Settings are environment variables (defaults below); arguments are passed on to `vllm serve` unchanged.
set -euo pipefail

MODEL="${MODEL:-RLHFlow/Llama3.1-8B-PRM-Deepseek-Data}"
# The name clients must send as "model": ponder's profile `model` has to be exactly this.
SERVED_MODEL_NAME="${SERVED_MODEL_NAME:-$MODEL}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8001}"
GPU_MEMORY_UTILIZATION="${GPU_MEMORY_UTILIZATION:-0.90}"
# The longest prompt is a whole solution: the policy's context plus about ten tokens of chat markup per step.
MAX_MODEL_LEN="${MAX_MODEL_LEN:-8192}"
# The cap on top log-probabilities a request may ask for (vLLM's default is 20). ponder asks for its profile's
# `logprobs` (default 20): raise both together, or vLLM refuses the request with HTTP 400.
MAX_LOGPROBS="${MAX_LOGPROBS:-20}"
DTYPE="${DTYPE:-bfloat16}"
VLLM="${VLLM:-vllm}"
PINNED_VLLM_VERSION="0.11.0"

name="serve-prm-rlhflow"
# shellcheck source=preflight.sh
source "$(dirname "${BASH_SOURCE[0]}")/preflight.sh"

# --enable-prefix-caching: the prompt for step k is the prompt for step k-1 plus one turn, and the candidates of a
# beam share their first steps, so most of every request is already in the KV cache. ponder reads the generated
# token's logprobs, not prompt_logprobs, which would turn off cache reads for the request.
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
