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
# shellcheck source=preflight.sh
source "$(dirname "${BASH_SOURCE[0]}")/preflight.sh"

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
