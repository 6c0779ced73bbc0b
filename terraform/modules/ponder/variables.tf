## Names

variable "name" {
  description = "Name of the deployment: prefix of every function (<name>-<function>), role, log group, alarm, the API and the models secret (<name>/models). Lowercase, since the default bucket name derives from it."
  type        = string
  default     = "ponder"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name))
    error_message = "name must be 1-20 lowercase letters, digits or '-', starting with a letter (got \"${var.name}\")."
  }
}

variable "queue_prefix" {
  description = "Queue name prefix (PONDER_PIPELINE_QUEUE_PREFIX): queues <prefix>-<stage>, DLQs <prefix>-<stage>-dlq. Null uses name."
  type        = string
  default     = null
}

variable "table_name" {
  description = "DynamoDB table name (PONDER_PIPELINE_TABLE). Null uses name."
  type        = string
  default     = null
}

## Code

variable "functions_zip" {
  description = "Path of the functions zip (src/functions/target/function.zip), relative to where terraform runs."
  type        = string
}

variable "api_zip" {
  description = "Path of the API zip (src/api/target/function.zip), relative to where terraform runs."
  type        = string
}

variable "native" {
  description = "true: the zips hold native images (provided.al2023, handler bootstrap); false: JVM builds on java21."
  type        = bool
  default     = false
}

variable "architecture" {
  description = "x86_64 or arm64 for every function. A native zip must have been built for it."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64 (got \"${var.architecture}\")."
  }
}

variable "functions_handler" {
  description = "Handler of the JVM functions zip."
  type        = string
  default     = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"
}

variable "api_handler" {
  description = "Handler of the JVM API zip."
  type        = string
  default     = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
}

## Sizes and limits

variable "function_memory_mb" {
  description = "Memory in MB by function, merged over the defaults: orchestrate 512, sample 512, score 512, select 1024, batch 512, deadletter 256, sweep 512, trigger 1024, api 1024."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.function_memory_mb) : contains(["orchestrate", "sample", "score", "select", "batch", "deadletter", "sweep", "trigger", "api"], k)])
    error_message = "function_memory_mb keys must be among orchestrate, sample, score, select, batch, deadletter, sweep, trigger, api (got ${jsonencode(keys(var.function_memory_mb))})."
  }
}

variable "function_timeout_seconds" {
  description = "Timeout in seconds by function, merged over the defaults: orchestrate 60, sample 300, score 300, select 60, batch 120, deadletter 60, sweep 300, trigger 300, api 29 (under the HTTP API's 30 s)."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.function_timeout_seconds) : contains(["orchestrate", "sample", "score", "select", "batch", "deadletter", "sweep", "trigger", "api"], k)])
    error_message = "function_timeout_seconds keys must be among orchestrate, sample, score, select, batch, deadletter, sweep, trigger, api (got ${jsonencode(keys(var.function_timeout_seconds))})."
  }

  validation {
    condition     = lookup(var.function_timeout_seconds, "api", 29) < 30
    error_message = "the api timeout must stay under 30 s, the HTTP API's integration limit (got ${lookup(var.function_timeout_seconds, "api", 29)})."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrency by function; functions not listed are unreserved."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.reserved_concurrency) : contains(["orchestrate", "sample", "score", "select", "batch", "deadletter", "sweep", "trigger", "api"], k)])
    error_message = "reserved_concurrency keys must be among orchestrate, sample, score, select, batch, deadletter, sweep, trigger, api (got ${jsonencode(keys(var.reserved_concurrency))})."
  }
}

variable "model_max_concurrency" {
  description = "Maximum concurrency of the sample and score event sources: how many model calls of each kind run at once, the throttle in front of the GPU endpoints (2-1000)."
  type        = number
  default     = 16

  validation {
    condition     = var.model_max_concurrency >= 2 && var.model_max_concurrency <= 1000 && floor(var.model_max_concurrency) == var.model_max_concurrency
    error_message = "model_max_concurrency must be a whole number between 2 and 1000, SQS event sources' range (got ${var.model_max_concurrency})."
  }
}

variable "stage_batch_size" {
  description = "Messages per invocation of the orchestrate, select, batch and deadletter functions (1-10). sample and score always take 1."
  type        = number
  default     = 10

  validation {
    condition     = var.stage_batch_size >= 1 && var.stage_batch_size <= 10 && floor(var.stage_batch_size) == var.stage_batch_size
    error_message = "stage_batch_size must be a whole number between 1 and 10 (got ${var.stage_batch_size})."
  }
}

variable "max_receive_count" {
  description = "Deliveries of a message before it moves to its stage's dead-letter queue (at least 5)."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 5 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be a whole number between 5 and 1000 (got ${var.max_receive_count})."
  }
}

variable "visibility_timeout_multiplier" {
  description = "Each queue's visibility timeout as a multiple of its consumer's timeout (at least 6)."
  type        = number
  default     = 6

  validation {
    condition     = var.visibility_timeout_multiplier >= 6 && floor(var.visibility_timeout_multiplier) == var.visibility_timeout_multiplier
    error_message = "visibility_timeout_multiplier must be a whole number of at least 6 (got ${var.visibility_timeout_multiplier})."
  }
}

variable "sweep_schedule_expression" {
  description = "EventBridge schedule of the sweeper."
  type        = string
  default     = "rate(1 minute)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.sweep_schedule_expression))
    error_message = "sweep_schedule_expression must be rate(...) or cron(...) (got \"${var.sweep_schedule_expression}\")."
  }
}

variable "log_retention_in_days" {
  description = "Retention of every function's log group and the API's access logs."
  type        = number
  default     = 30
}

## Models

variable "policy_url" {
  description = "Base URL of the policy endpoint (PONDER_POLICY_URL), e.g. https://policy.example.com. Null leaves it unset: searches naming a policy profile fail with a message naming the setting."
  type        = string
  default     = null

  validation {
    condition     = var.policy_url == null || can(regex("^https?://[^\\s]+$", coalesce(var.policy_url, "-")))
    error_message = "policy_url must be an http(s) URL or null."
  }
}

variable "prm_url" {
  description = "Base URL of the PRM endpoint (PONDER_PRM_URL). Null leaves it unset."
  type        = string
  default     = null

  validation {
    condition     = var.prm_url == null || can(regex("^https?://[^\\s]+$", coalesce(var.prm_url, "-")))
    error_message = "prm_url must be an http(s) URL or null."
  }
}

variable "sim_url" {
  description = "Base URL of a hosted ponder simulator (PONDER_SIM_URL) serving the sim and sim-prm profiles, or null."
  type        = string
  default     = null

  validation {
    condition     = var.sim_url == null || can(regex("^https?://[^\\s]+$", coalesce(var.sim_url, "-")))
    error_message = "sim_url must be an http(s) URL or null."
  }
}

variable "create_models_secret" {
  description = "Whether to create the Secrets Manager secret <name>/models (without a value) for the model API keys. False: pass models_secret_arn."
  type        = bool
  default     = true
}

variable "models_secret_arn" {
  description = "ARN of an existing secret holding the model API keys (JSON: profile name -> key); used when create_models_secret is false."
  type        = string
  default     = null

  validation {
    condition     = var.create_models_secret || var.models_secret_arn != null
    error_message = "models_secret_arn must be set when create_models_secret is false."
  }
}

variable "models_secret_recovery_window_in_days" {
  description = "Days a deleted models secret can be restored (0 deletes at once, else 7-30)."
  type        = number
  default     = 7

  validation {
    condition     = var.models_secret_recovery_window_in_days == 0 || (var.models_secret_recovery_window_in_days >= 7 && var.models_secret_recovery_window_in_days <= 30)
    error_message = "models_secret_recovery_window_in_days must be 0 or between 7 and 30 (got ${var.models_secret_recovery_window_in_days})."
  }
}

## Batches from the bucket

variable "bucket_name" {
  description = "Name of the batch bucket (PONDER_TRIGGER_BUCKET). Null uses <name>-batches-<account>-<region>."
  type        = string
  default     = null
}

variable "bucket_force_destroy" {
  description = "Whether destroy empties the batch bucket first."
  type        = bool
  default     = false
}

variable "input_prefix" {
  description = "Key prefix whose new .jsonl files start batches (PONDER_TRIGGER_INPUT_PREFIX)."
  type        = string
  default     = "incoming/"

  validation {
    condition     = length(var.input_prefix) > 1 && endswith(var.input_prefix, "/") && !startswith(var.input_prefix, "/") && !strcontains(var.input_prefix, "*")
    error_message = "input_prefix must be a non-empty key prefix ending in '/', not starting with '/', without '*' (got \"${var.input_prefix}\")."
  }
}

variable "output_prefix" {
  description = "Key prefix results are written under (PONDER_TRIGGER_OUTPUT_PREFIX); must not overlap input_prefix."
  type        = string
  default     = "results/"

  validation {
    condition     = length(var.output_prefix) > 1 && endswith(var.output_prefix, "/") && !startswith(var.output_prefix, "/") && !strcontains(var.output_prefix, "*")
    error_message = "output_prefix must be a non-empty key prefix ending in '/', not starting with '/', without '*' (got \"${var.output_prefix}\")."
  }

  validation {
    condition     = !startswith(var.output_prefix, var.input_prefix) && !startswith(var.input_prefix, var.output_prefix)
    error_message = "output_prefix and input_prefix must not be prefixes of each other, or results would start batches (got input \"${var.input_prefix}\", output \"${var.output_prefix}\")."
  }
}

variable "trigger_tenant" {
  description = "The tenant that owns batches started from the bucket (PONDER_TRIGGER_TENANT)."
  type        = string

  validation {
    condition     = length(trimspace(var.trigger_tenant)) > 0
    error_message = "trigger_tenant must not be empty."
  }
}

variable "output_expiration_days" {
  description = "Days after which results expire from the bucket."
  type        = number
  default     = 30
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent object versions are removed from the bucket."
  type        = number
  default     = 30
}

## Data protection

variable "kms_key_arn" {
  description = "A customer managed KMS key for the table, the bucket (SSE-KMS) and the models secret; every function role gets kms:Decrypt and kms:GenerateDataKey on it. Null: AWS managed keys (and SSE-S3 for the bucket)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:[a-z-]+:kms:", coalesce(var.kms_key_arn, "-")))
    error_message = "kms_key_arn must be a KMS key ARN or null."
  }
}

variable "point_in_time_recovery_enabled" {
  description = "Point-in-time recovery of the table."
  type        = bool
  default     = true
}

variable "deletion_protection_enabled" {
  description = "Deletion protection of the table."
  type        = bool
  default     = true
}

variable "role_permissions_boundary" {
  description = "Permissions boundary ARN for every function role, or null."
  type        = string
  default     = null
}

## API

variable "api_throttling_burst_limit" {
  description = "Burst of requests the HTTP API stage accepts."
  type        = number
  default     = 100
}

variable "api_throttling_rate_limit" {
  description = "Steady requests per second the HTTP API stage accepts."
  type        = number
  default     = 50
}

variable "api_cors_allow_origins" {
  description = "CORS origins of the API; empty for none."
  type        = list(string)
  default     = []
}

## Alarms

variable "create_alarms" {
  description = "Whether to create the CloudWatch alarms."
  type        = bool
  default     = true
}

variable "alarm_sns_topic_arn" {
  description = "SNS topic the alarms notify, or null."
  type        = string
  default     = null
}

variable "searches_failed_threshold" {
  description = "Failed searches per minute above which the SearchesFailed alarm fires."
  type        = number
  default     = 0
}

## Everything else

variable "environment" {
  description = "Extra environment variables for every function and the API (e.g. PONDER_PIPELINE_DEADLINE). The variables this module sets cannot be overridden here."
  type        = map(string)
  default     = {}

  validation {
    condition = length(setintersection(keys(var.environment), [
      "PONDER_PIPELINE_TABLE", "PONDER_PIPELINE_QUEUE_PREFIX", "PONDER_PIPELINE_LEASE", "PONDER_PIPELINE_MODELS_SECRET",
      "PONDER_TRIGGER_BUCKET", "PONDER_TRIGGER_INPUT_PREFIX", "PONDER_TRIGGER_OUTPUT_PREFIX", "PONDER_TRIGGER_TENANT",
      "PONDER_POLICY_URL", "PONDER_PRM_URL", "PONDER_SIM_URL", "QUARKUS_FUNQY_EXPORT",
    ])) == 0
    error_message = "environment must not set the variables the module manages (got ${jsonencode(keys(var.environment))}); use the matching inputs instead."
  }
}

variable "tags" {
  description = "Tags for every resource that takes them."
  type        = map(string)
  default     = {}
}
