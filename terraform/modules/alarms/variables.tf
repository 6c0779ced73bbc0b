variable "name_prefix" {
  description = "Prefix of every alarm and metric filter name."
  type        = string

  validation {
    condition     = length(var.name_prefix) > 0 && length(var.name_prefix) <= 200
    error_message = "name_prefix must be 1-200 characters."
  }
}

variable "dlq_names" {
  description = "Dead-letter queue names by a static key (the stage): an alarm each when a message is visible."
  type        = map(string)
  default     = {}
}

variable "function_names" {
  description = "Lambda function names by a static key: an Errors and a Throttles alarm each."
  type        = map(string)
  default     = {}
}

variable "api_ids" {
  description = "HTTP API ids by a static key: a 5xx alarm each."
  type        = map(string)
  default     = {}
}

variable "log_group_names" {
  description = "Log groups by a static key whose `search=<id>: failed:` lines count as failed searches."
  type        = map(string)
  default     = {}
}

variable "metric_namespace" {
  description = "Namespace of the SearchesFailed metric."
  type        = string
  default     = "Ponder"
}

variable "searches_failed_threshold" {
  description = "The alarm fires when more searches than this fail within one minute."
  type        = number
  default     = 0

  validation {
    condition     = var.searches_failed_threshold >= 0
    error_message = "searches_failed_threshold must be >= 0 (got ${var.searches_failed_threshold})."
  }
}

variable "errors_threshold" {
  description = "Function errors per period above which the Errors alarms fire."
  type        = number
  default     = 0

  validation {
    condition     = var.errors_threshold >= 0
    error_message = "errors_threshold must be >= 0 (got ${var.errors_threshold})."
  }
}

variable "throttles_threshold" {
  description = "Throttled invocations per period above which the Throttles alarms fire."
  type        = number
  default     = 0

  validation {
    condition     = var.throttles_threshold >= 0
    error_message = "throttles_threshold must be >= 0 (got ${var.throttles_threshold})."
  }
}

variable "api_5xx_threshold" {
  description = "Server errors per period above which the 5xx alarm fires."
  type        = number
  default     = 0

  validation {
    condition     = var.api_5xx_threshold >= 0
    error_message = "api_5xx_threshold must be >= 0 (got ${var.api_5xx_threshold})."
  }
}

variable "period" {
  description = "Period in seconds of the Errors, Throttles and 5xx alarms (a multiple of 60)."
  type        = number
  default     = 60

  validation {
    condition     = var.period >= 60 && var.period % 60 == 0
    error_message = "period must be a multiple of 60 seconds (got ${var.period})."
  }
}

variable "evaluation_periods" {
  description = "Periods the Errors, Throttles and 5xx alarms look at."
  type        = number
  default     = 1

  validation {
    condition     = var.evaluation_periods >= 1
    error_message = "evaluation_periods must be >= 1 (got ${var.evaluation_periods})."
  }
}

variable "sns_topic_arn" {
  description = "SNS topic notified when an alarm fires and recovers, or null for alarms without actions."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for the alarms."
  type        = map(string)
  default     = {}
}
