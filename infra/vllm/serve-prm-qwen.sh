#!/usr/bin/env bash
# ponder's PRM: Qwen/Qwen2.5-Math-PRM-7B behind vLLM's pooling runner (STEP pooling, POST /pooling).
#
# ponder profile: qwen2.5-math-prm-7b (prm-format vllm-reward, template chatml). ponder renders [system, user =
# problem, assistant = each step followed by <extra_0>] and POSTs the texts to /pooling; vLLM returns one row
# [P(wrong), P(right)] per <extra_0> token and ponder takes the second. Pinned: vllm==0.11.0 (requirements.txt).
#
# Settings are environment variables (defaults below); arguments are passed on to `vllm serve` unchanged.
set -euo pipefail

MODEL="${MODEL:-Qwen/Qwen2.5-Math-PRM-7B}"
# The name clients must send as "model": ponder's profile `model` has to be exactly this.
SERVED_MODEL_NAME="${SERVED_MODEL_NAME:-$MODEL}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8001}"
GPU_MEMORY_UTILIZATION="${GPU_MEMORY_UTILIZATION:-0.90}"
# Qwen2.5-Math models have a 4K context; vLLM refuses a --max-model-len above the model's own. A solution longer
# than this (problem + steps + markup) is refused with HTTP 400. GET /v1/models shows the value in use.
MAX_MODEL_LEN="${MAX_MODEL_LEN:-4096}"
DTYPE="${DTYPE:-bfloat16}"
VLLM="${VLLM:-vllm}"
PINNED_VLLM_VERSION="0.11.0"

name="serve-prm-qwen"
# vLLM checks the key only on paths under /v1: /pooling, the route this PRM is scored through, stays open whatever
# the key. The network (security group, tunnel) is what guards it (infra/README.md, "API keys").
NO_KEY_NOTE=" (and /pooling never asks for one)"
# shellcheck source=preflight.sh
source "$(dirname "${BASH_SOURCE[0]}")/preflight.sh"

# --runner pooling: the architecture (Qwen2ForProcessRewardModel) is a pooling model and vLLM >= 0.10.1 picks this
# runner by itself; written out so the intent is plain. vLLM <= 0.10.0 spells it --task reward.
# --no-enable-prefix-caching: with STEP pooling a prefix-cache hit skips computing the cached tokens' hidden states,
# so rows for earlier <extra_0> tags go missing (ponder then reports rows != steps). vLLM 0.11.0 leaves it off for
# STEP pooling by default; written out so nobody turns it on here.
exec "$VLLM" serve "$MODEL" \
  --served-model-name "$SERVED_MODEL_NAME" \
  --host "$HOST" \
  --port "$PORT" \
  --dtype "$DTYPE" \
  --max-model-len "$MAX_MODEL_LEN" \
  --gpu-memory-utilization "$GPU_MEMORY_UTILIZATION" \
  --runner pooling \
  --no-enable-prefix-caching \
  "$@"
