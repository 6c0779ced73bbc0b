#!/bin/bash
# EC2 user data for a GPU instance serving ponder's policy and one PRM with vLLM, as two systemd units on two ports.
# Do not pass this file as it is: render-user-data.sh puts the serve scripts of infra/vllm and your settings in
# front of it. Written for the Deep Learning Base AMI with Single CUDA (Ubuntu 24.04), x86_64, which brings the NVIDIA
# driver, Python 3.12 and the AWS CLI. cloud-init runs it once, as root, at first boot; the output goes to
# /var/log/cloud-init-output.log and /var/log/ponder-user-data.log.
set -euo pipefail
exec > >(tee -a /var/log/ponder-user-data.log) 2>&1

# ---- settings (render-user-data.sh exports any you set when rendering) ----
: "${VLLM_VERSION:=0.11.0}"              # the version infra/vllm's flags were written for
: "${TRANSFORMERS_VERSION:=4.57.1}"      # vllm 0.11.0 does not cap transformers below 5: pinned (infra/vllm/requirements.txt)
: "${PRM:=qwen}"                         # qwen | rlhflow | math-shepherd
: "${POLICY_MODEL:=meta-llama/Llama-3.2-1B-Instruct}"
: "${POLICY_PORT:=8000}"
: "${PRM_PORT:=8001}"
: "${POLICY_GPU:=0}"                     # CUDA device index of each server
: "${PRM_GPU:=0}"
: "${POLICY_GPU_MEMORY_UTILIZATION:=0.20}"   # one 24 GB GPU shared with the Qwen PRM (infra/README.md, "GPU memory")
: "${PRM_GPU_MEMORY_UTILIZATION:=0.72}"
: "${POLICY_MAX_MODEL_LEN:=8192}"
: "${PRM_MAX_MODEL_LEN:=}"               # empty: the PRM script's default (4096 for qwen, 8192 for the others)
: "${HOST:=0.0.0.0}"                     # the security group decides who reaches the ports (gpu-instance/README.md)
: "${HF_TOKEN_PARAMETER:=}"              # SSM SecureString holding a Hugging Face token (Llama 3.2 is gated)
: "${MODELS_SECRET_ID:=}"                # Secrets Manager secret {"<profile>": "<key>"}: the vLLM keys, as ponder sends them
: "${POLICY_PROFILE:=llama-3.2-1b-instruct}" # the ponder profiles whose keys the secret holds

case "$PRM" in
  qwen) prm_script=serve-prm-qwen.sh; : "${PRM_PROFILE:=qwen2.5-math-prm-7b}" ;;
  rlhflow) prm_script=serve-prm-rlhflow.sh; : "${PRM_PROFILE:=rlhflow-8b-prm}" ;;
  math-shepherd) prm_script=serve-prm-math-shepherd.sh; : "${PRM_PROFILE:=math-shepherd}" ;;
  *) echo "user-data: PRM must be qwen, rlhflow or math-shepherd (got '$PRM')" >&2; exit 1 ;;
esac
for script in preflight.sh serve-policy.sh "$prm_script"; do
  if [[ ! -f "/opt/ponder/vllm/$script" ]]; then
    echo "user-data: /opt/ponder/vllm/$script is missing: pass the output of render-user-data.sh, not this file" >&2
    exit 1
  fi
done
chmod 0755 /opt/ponder/vllm/*.sh

# ---- packages: a venv with the pinned vLLM ----
# python3-dev: Triton compiles a small C helper against Python.h when vLLM first compiles its kernels.
# DPkg::Lock::Timeout: unattended-upgrades often holds the dpkg lock during the first minutes after boot.
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -q
apt-get -o DPkg::Lock::Timeout=600 install -y -q python3-venv python3-dev build-essential curl
id ponder >/dev/null 2>&1 || useradd --system --home-dir /var/lib/ponder --create-home --shell /usr/sbin/nologin ponder
python3 -m venv /opt/ponder/venv
/opt/ponder/venv/bin/pip install -q --upgrade pip
/opt/ponder/venv/bin/pip install -q "vllm==${VLLM_VERSION}" "transformers==${TRANSFORMERS_VERSION}"
/opt/ponder/venv/bin/python -c 'import importlib.metadata as m; print("user-data: vllm", m.version("vllm"), "torch", m.version("torch"))'
nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv

# Model weights on the instance store when there is one (the DLAMI mounts it at /opt/dlami/nvme): faster than EBS,
# and wiped when the instance stops, so the next start downloads again (the units re-create the folder).
if [[ -d /opt/dlami/nvme ]]; then hf_home=/opt/dlami/nvme/ponder-hf; else hf_home=/var/lib/ponder/hf; fi
install -d -o ponder -g ponder -m 0750 "$hf_home"

# ---- secrets: read with the instance role, written only to root-only files systemd reads ----
token=""
region=""
if [[ -n "$HF_TOKEN_PARAMETER" || -n "$MODELS_SECRET_ID" ]]; then
  if ! command -v aws >/dev/null 2>&1; then
    echo "user-data: HF_TOKEN_PARAMETER or MODELS_SECRET_ID is set but the AWS CLI is not installed" >&2
    exit 1
  fi
  imds="$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')"
  region="$(curl -fsS -H "X-aws-ec2-metadata-token: $imds" http://169.254.169.254/latest/meta-data/placement/region)"
fi
if [[ -n "$HF_TOKEN_PARAMETER" ]]; then
  token="$(aws ssm get-parameter --region "$region" --name "$HF_TOKEN_PARAMETER" --with-decryption \
           --query Parameter.Value --output text)"
fi
key_of() { # the key of ponder profile $1 in the models secret, or nothing
  [[ -n "$MODELS_SECRET_ID" ]] || return 0
  aws secretsmanager get-secret-value --region "$region" --secret-id "$MODELS_SECRET_ID" \
      --query SecretString --output text \
    | python3 -c 'import json, sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1"
}
policy_key="$(key_of "$POLICY_PROFILE")"
prm_key="$(key_of "$PRM_PROFILE")"
for pair in "$POLICY_PROFILE:$policy_key" "$PRM_PROFILE:$prm_key"; do
  profile="${pair%%:*}"; key="${pair#*:}"
  if [[ -n "$MODELS_SECRET_ID" && -z "$key" ]]; then
    echo "user-data: the secret $MODELS_SECRET_ID has no key for profile $profile: its server runs without one" >&2
  elif [[ -n "$key" && ! "$key" =~ ^[A-Za-z0-9._~+/=-]+$ ]]; then
    echo "user-data: the key for profile $profile has characters other than A-Z a-z 0-9 . _ ~ + / = -" >&2
    exit 1
  fi
done

install -d -m 0755 /etc/ponder
write_env() { # file, port, gpu, memory share, max model len, key
  umask 077
  {
    echo "PATH=/opt/ponder/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    echo "HF_HOME=$hf_home"
    echo "HOST=$HOST"
    echo "PORT=$2"
    echo "CUDA_VISIBLE_DEVICES=$3"
    echo "GPU_MEMORY_UTILIZATION=$4"
    [[ -n "$5" ]] && echo "MAX_MODEL_LEN=$5"
    echo "VLLM_NO_USAGE_STATS=1"
    [[ -n "$token" ]] && echo "HF_TOKEN=$token"
    [[ -n "$6" ]] && echo "VLLM_API_KEY=$6"
    true
  } > "$1"
  umask 022
}
write_env /etc/ponder/policy.env "$POLICY_PORT" "$POLICY_GPU" "$POLICY_GPU_MEMORY_UTILIZATION" \
  "$POLICY_MAX_MODEL_LEN" "$policy_key"
echo "MODEL=$POLICY_MODEL" >> /etc/ponder/policy.env
write_env /etc/ponder/prm.env "$PRM_PORT" "$PRM_GPU" "$PRM_GPU_MEMORY_UTILIZATION" "$PRM_MAX_MODEL_LEN" "$prm_key"

# ---- systemd units ----
# Two vLLM servers on one GPU must not start together: each measures free memory while loading, and the other's
# loading skews it. The PRM waits until the policy answers /health (first boot downloads the weights: minutes).
cat > /opt/ponder/wait-for-health.sh <<'EOF'
#!/bin/bash
# wait-for-health.sh URL SECONDS: succeeds once URL answers 2xx, fails after SECONDS.
set -euo pipefail
deadline=$(( $(date +%s) + $2 ))
until curl -fsS -o /dev/null "$1"; do
  if (( $(date +%s) >= deadline )); then echo "wait-for-health: $1 did not answer within $2 s" >&2; exit 1; fi
  sleep 5
done
EOF
chmod 0755 /opt/ponder/wait-for-health.sh

cat > /etc/systemd/system/ponder-vllm-policy.service <<EOF
[Unit]
Description=ponder policy: vLLM serving $POLICY_MODEL on port $POLICY_PORT
After=network-online.target
Wants=network-online.target

[Service]
User=ponder
Group=ponder
EnvironmentFile=/etc/ponder/policy.env
ExecStartPre=+/usr/bin/install -d -o ponder -g ponder -m 0750 $hf_home
ExecStart=/opt/ponder/vllm/serve-policy.sh
Restart=on-failure
RestartSec=15

[Install]
WantedBy=multi-user.target
EOF

wait_line=""
if [[ "$POLICY_GPU" == "$PRM_GPU" ]]; then
  wait_line="ExecStartPre=/opt/ponder/wait-for-health.sh http://127.0.0.1:$POLICY_PORT/health 1800"
fi
cat > /etc/systemd/system/ponder-vllm-prm.service <<EOF
[Unit]
Description=ponder PRM ($PRM): vLLM on port $PRM_PORT
After=network-online.target ponder-vllm-policy.service
Wants=network-online.target

[Service]
User=ponder
Group=ponder
EnvironmentFile=/etc/ponder/prm.env
ExecStartPre=+/usr/bin/install -d -o ponder -g ponder -m 0750 $hf_home
$wait_line
ExecStart=/opt/ponder/vllm/$prm_script
Restart=on-failure
RestartSec=15
TimeoutStartSec=1900

[Install]
WantedBy=multi-user.target
EOF

systemctl daemon-reload
systemctl enable --now ponder-vllm-policy.service
systemctl enable --now --no-block ponder-vllm-prm.service
echo "user-data: started ponder-vllm-policy (port $POLICY_PORT) and ponder-vllm-prm ($PRM, port $PRM_PORT);" \
     "follow them with journalctl -u ponder-vllm-policy -u ponder-vllm-prm -f"
