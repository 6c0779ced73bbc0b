variable "region" {
  description = "AWS region; null uses AWS_REGION or the profile's region."
  type        = string
  default     = null
}

variable "name" {
  description = "Prefix of every resource; also the queue prefix and the table name."
  type        = string
  default     = "ponder-dev"
}

variable "functions_zip" {
  description = "The functions zip, relative to this directory."
  type        = string
  default     = "../../../src/functions/target/function.zip"
}

variable "api_zip" {
  description = "The API zip, relative to this directory."
  type        = string
  default     = "../../../src/api/target/function.zip"
}

variable "native" {
  description = "true when the zips hold native images (provided.al2023); false for JVM builds (java21), what `./mvnw package` makes."
  type        = bool
  default     = false
}

variable "architecture" {
  description = "x86_64 or arm64."
  type        = string
  default     = "x86_64"
}

variable "function_memory_mb" {
  description = "Memory in MB by function, over the defaults (orchestrate 512, sample 512, score 512, select 1024, batch 512, deadletter 256, sweep 512, trigger 1024, api 1024)."
  type        = map(number)
  default     = {}
}

variable "function_timeout_seconds" {
  description = "Timeout in seconds by function, over the defaults (orchestrate 60, sample 300, score 300, select 60, batch 120, deadletter 60, sweep 300, trigger 300, api 29)."
  type        = map(number)
  default     = {}
}

variable "reserved_concurrency" {
  description = "Reserved concurrency by function."
  type        = map(number)
  default     = {}
}

variable "model_max_concurrency" {
  description = "Maximum concurrency of the sample and score event sources, the throttle in front of the GPU endpoints (2-1000)."
  type        = number
  default     = 16

  validation {
    condition     = var.model_max_concurrency >= 2 && var.model_max_concurrency <= 1000 && floor(var.model_max_concurrency) == var.model_max_concurrency
    error_message = "model_max_concurrency must be a whole number between 2 and 1000 (got ${var.model_max_concurrency})."
  }
}

variable "max_receive_count" {
  description = "Deliveries before a message is dead-lettered (at least 5)."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 5 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be a whole number between 5 and 1000 (got ${var.max_receive_count})."
  }
}

variable "sweep_schedule_expression" {
  description = "Schedule of the sweeper."
  type        = string
  default     = "rate(1 minute)"
}

variable "log_retention_in_days" {
  description = "Retention of the function and API logs."
  type        = number
  default     = 14
}

variable "policy_url" {
  description = "Base URL of the policy endpoint (PONDER_POLICY_URL), or null."
  type        = string
  default     = null
}

variable "prm_url" {
  description = "Base URL of the PRM endpoint (PONDER_PRM_URL), or null."
  type        = string
  default     = null
}

variable "sim_url" {
  description = "Base URL of a hosted simulator (PONDER_SIM_URL), or null."
  type        = string
  default     = null
}

variable "models_secret_arn" {
  description = "An existing secret with the model API keys; null creates <name>/models without a value."
  type        = string
  default     = null
}

variable "bucket_force_destroy" {
  description = "Whether destroy empties the batch bucket (true in dev)."
  type        = bool
  default     = true
}

variable "input_prefix" {
  description = "Key prefix whose new .jsonl files start batches."
  type        = string
  default     = "incoming/"

  validation {
    condition     = length(var.input_prefix) > 1 && endswith(var.input_prefix, "/")
    error_message = "input_prefix must be a non-empty key prefix ending in '/' (got \"${var.input_prefix}\")."
  }
}

variable "output_prefix" {
  description = "Key prefix results are written under; must not overlap input_prefix."
  type        = string
  default     = "results/"

  validation {
    condition     = length(var.output_prefix) > 1 && endswith(var.output_prefix, "/")
    error_message = "output_prefix must be a non-empty key prefix ending in '/' (got \"${var.output_prefix}\")."
  }

  validation {
    condition     = !startswith(var.output_prefix, var.input_prefix) && !startswith(var.input_prefix, var.output_prefix)
    error_message = "output_prefix and input_prefix must not be prefixes of each other, or results would start batches (got input \"${var.input_prefix}\", output \"${var.output_prefix}\")."
  }
}

variable "trigger_tenant" {
  description = "The tenant that owns batches started from the bucket."
  type        = string
}

variable "kms_key_arn" {
  description = "A customer managed KMS key for table, bucket and secret, or null for AWS managed keys."
  type        = string
  default     = null
}

variable "deletion_protection_enabled" {
  description = "Deletion protection of the table."
  type        = bool
  default     = true
}

variable "api_throttling_burst_limit" {
  description = "Burst of requests the API accepts."
  type        = number
  default     = 20
}

variable "api_throttling_rate_limit" {
  description = "Steady requests per second the API accepts."
  type        = number
  default     = 10
}

variable "alarm_sns_topic_arn" {
  description = "SNS topic for the alarms, or null."
  type        = string
  default     = null
}

variable "searches_failed_threshold" {
  description = "Failed searches per minute above which the alarm fires."
  type        = number
  default     = 0
}

variable "environment" {
  description = "Extra environment variables for every function and the API."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags added to the provider's default tags."
  type        = map(string)
  default     = {}
}
