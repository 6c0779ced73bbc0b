variable "name" {
  description = "Name of the HTTP API (and of its access log group, /aws/apigateway/<name>)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.name))
    error_message = "name must be 1-128 letters, digits, '-' or '_' (got \"${var.name}\")."
  }
}

variable "description" {
  description = "Description of the API."
  type        = string
  default     = "ponder: test-time-compute search"
}

variable "lambda_function_name" {
  description = "Name of the API Lambda function (for its invoke permission)."
  type        = string
}

variable "lambda_invoke_arn" {
  description = "Invoke ARN of the API Lambda function."
  type        = string
}

variable "integration_timeout_milliseconds" {
  description = "How long API Gateway waits for the function (50-30000 ms, the HTTP API maximum). Keep the function's timeout below it."
  type        = number
  default     = 30000

  validation {
    condition     = var.integration_timeout_milliseconds >= 50 && var.integration_timeout_milliseconds <= 30000
    error_message = "integration_timeout_milliseconds must be between 50 and 30000 (got ${var.integration_timeout_milliseconds})."
  }
}

variable "throttling_burst_limit" {
  description = "Requests the stage accepts in a burst, across all clients."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_burst_limit >= 0 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a whole number >= 0 (got ${var.throttling_burst_limit})."
  }
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the stage accepts, across all clients."
  type        = number
  default     = 50

  validation {
    condition     = var.throttling_rate_limit >= 0
    error_message = "throttling_rate_limit must be >= 0 (got ${var.throttling_rate_limit})."
  }
}

variable "detailed_metrics_enabled" {
  description = "Per-route metrics (billed as custom metrics)."
  type        = bool
  default     = false
}

variable "cors_allow_origins" {
  description = "Origins allowed by CORS; empty turns CORS off (API clients are usually not browsers)."
  type        = list(string)
  default     = []
}

variable "access_log_retention_in_days" {
  description = "Retention of the access log group, one of CloudWatch's allowed values."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.access_log_retention_in_days)
    error_message = "access_log_retention_in_days must be one of CloudWatch's allowed values (got ${var.access_log_retention_in_days})."
  }
}

variable "access_log_kms_key_arn" {
  description = "KMS key ARN for the access log group, or null."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for the API, its stage and its log group."
  type        = map(string)
  default     = {}
}
