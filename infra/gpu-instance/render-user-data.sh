#!/usr/bin/env bash
# Prints EC2 user data for a GPU instance: the settings you export, the two serve scripts of infra/vllm it needs
# (the policy and the PRM chosen by PRM), then user-data.sh. Run it where you launch from, e.g.
#
#   PRM=qwen HF_TOKEN_PARAMETER=/ponder/hf-token MODELS_SECRET_ID=ponder-models \
#     infra/gpu-instance/render-user-data.sh > /tmp/ponder-gpu-user-data.sh
#
# Secrets never go into user data (anyone allowed ec2:DescribeInstanceAttribute, and any process on the instance,
# can read it): name an SSM parameter and a Secrets Manager secret instead, which the instance reads with its role.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vllm_dir="$here/../vllm"
# EC2 refuses user data over 16 KB (before base64).
limit=16384

for secret in HF_TOKEN VLLM_API_KEY; do
  if [[ -n "${!secret:-}" ]]; then
    echo "render-user-data: $secret is set: secrets must not go into user data; use HF_TOKEN_PARAMETER (an SSM" \
         "SecureString) and MODELS_SECRET_ID (the Secrets Manager secret of the vLLM keys) instead" >&2
    exit 2
  fi
done

prm="${PRM:-qwen}"
case "$prm" in
  qwen) prm_script=serve-prm-qwen.sh ;;
  rlhflow) prm_script=serve-prm-rlhflow.sh ;;
  math-shepherd) prm_script=serve-prm-math-shepherd.sh ;;
  *) echo "render-user-data: PRM must be qwen, rlhflow or math-shepherd (got '$prm')" >&2; exit 2 ;;
esac

settings=(VLLM_VERSION TRANSFORMERS_VERSION PRM POLICY_MODEL POLICY_PORT PRM_PORT POLICY_GPU PRM_GPU
          POLICY_GPU_MEMORY_UTILIZATION PRM_GPU_MEMORY_UTILIZATION POLICY_MAX_MODEL_LEN PRM_MAX_MODEL_LEN HOST
          HF_TOKEN_PARAMETER MODELS_SECRET_ID POLICY_PROFILE PRM_PROFILE)

out="$(
  echo '#!/bin/bash'
  echo "# ponder GPU instance: rendered by infra/gpu-instance/render-user-data.sh (PRM=$prm)"
  for name in "${settings[@]}"; do
    if [[ -n "${!name:-}" ]]; then
      printf 'export %s=%q\n' "$name" "${!name}"
    fi
  done
  echo 'mkdir -p /opt/ponder/vllm'
  for script in preflight.sh serve-policy.sh "$prm_script"; do
    if grep -qx 'PONDER_SCRIPT_END' "$vllm_dir/$script"; then
      echo "render-user-data: $script contains the heredoc delimiter PONDER_SCRIPT_END" >&2
      exit 1
    fi
    echo "cat > /opt/ponder/vllm/$script <<'PONDER_SCRIPT_END'"
    cat "$vllm_dir/$script"
    echo 'PONDER_SCRIPT_END'
  done
  tail -n +2 "$here/user-data.sh"
)"

# COMPRESS=1 gzips it (cloud-init unpacks gzip user data); pass it to the AWS CLI as fileb://, not file://.
if [[ "${COMPRESS:-0}" == 1 ]]; then
  size="$(printf '%s\n' "$out" | gzip -9 -n | wc -c)"
else
  size="$(printf '%s\n' "$out" | wc -c)"
fi
if (( size > limit )); then
  echo "render-user-data: the user data is $size bytes, over EC2's limit of $limit: try COMPRESS=1" >&2
  exit 1
fi
if [[ "${COMPRESS:-0}" == 1 ]]; then
  printf '%s\n' "$out" | gzip -9 -n
else
  printf '%s\n' "$out"
fi
echo "render-user-data: $size bytes of user data (EC2's limit is $limit)" >&2
