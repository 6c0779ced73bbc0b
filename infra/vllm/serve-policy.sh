#!/usr/bin/env bash
# ponder's policy: meta-llama/Llama-3.2-1B-Instruct behind vLLM's OpenAI-compatible server.
#
# ponder profile: llama-3.2-1b-instruct (or, with MODEL=meta-llama/Llama-3.2-3B-Instruct, llama-3.2-3b-instruct).
# ponder renders the Llama 3 chat itself and POSTs /v1/completions (a step at a time, many prompts and n samples per
# request); /v1/chat/completions serves whole answers. Pinned: vllm==0.11.0 (requirements.txt next to this file).
#
# Settings are environment variables (defaults below); arguments are passed on to `vllm serve` unchanged, e.g.
#   PORT=8000 GPU_MEMORY_UTILIZATION=0.2 infra/vllm/serve-policy.sh --max-num-seqs 128
# The Llama 3.2 weights are gated: accept the licence on Hugging Face and export HF_TOKEN before the first start.
set -euo pipefail

MODEL="${MODEL:-meta-llama/Llama-3.2-1B-Instruct}"
# The name clients must send as "model": ponder's profile `model` has to be exactly this.
SERVED_MODEL_NAME="${SERVED_MODEL_NAME:-$MODEL}"
# 127.0.0.1 unless told otherwise: set HOST=0.0.0.0 only behind a security group or firewall (infra/README.md).
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
# vLLM's share of the GPU's memory (weights, activations, KV cache). 0.90 for a GPU of its own; lower it when a
# PRM shares the GPU (infra/README.md, "GPU memory").
GPU_MEMORY_UTILIZATION="${GPU_MEMORY_UTILIZATION:-0.90}"
# Prompt plus generated tokens per request. A beam's prompt grows by a step per iteration and ponder asks for up to
# 2048 new tokens per step (--max-tokens): a request longer than this is refused with HTTP 400.
MAX_MODEL_LEN="${MAX_MODEL_LEN:-8192}"
DTYPE="${DTYPE:-bfloat16}"
VLLM="${VLLM:-vllm}"
PINNED_VLLM_VERSION="0.11.0"

name="serve-policy"
# shellcheck source=preflight.sh
source "$(dirname "${BASH_SOURCE[0]}")/preflight.sh"

# --enable-prefix-caching: beam search and DVTS send every beam's whole path again each iteration, and siblings share
# the system prompt, the problem and their common steps: cached KV blocks turn that into one prefill. It is vLLM's
# default for generative models since V1 (0.8); written here so an older or different default cannot drop it.
exec "$VLLM" serve "$MODEL" \
  --served-model-name "$SERVED_MODEL_NAME" \
  --host "$HOST" \
  --port "$PORT" \
  --dtype "$DTYPE" \
  --max-model-len "$MAX_MODEL_LEN" \
  --gpu-memory-utilization "$GPU_MEMORY_UTILIZATION" \
  --enable-prefix-caching \
  "$@"
