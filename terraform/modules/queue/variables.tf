variable "queue_prefix" {
  description = "Prefix of the queue names: the queue is `<queue_prefix>-<stage>`, its dead-letter queue `<queue_prefix>-<stage>-dlq` (what PONDER_PIPELINE_QUEUE_PREFIX tells the code)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,60}$", var.queue_prefix))
    error_message = "queue_prefix must be 1-60 letters, digits, '-' or '_' (got \"${var.queue_prefix}\")."
  }
}

variable "stage" {
  description = "The pipeline stage the queue feeds: orchestrate, sample, score, select or batch."
  type        = string

  validation {
    condition     = contains(["orchestrate", "sample", "score", "select", "batch"], var.stage)
    error_message = "stage must be one of orchestrate, sample, score, select, batch (got \"${var.stage}\")."
  }
}

variable "consumer_timeout_seconds" {
  description = "Timeout of the Lambda function that consumes the queue; the visibility timeout is this times visibility_timeout_multiplier."
  type        = number

  validation {
    condition     = var.consumer_timeout_seconds >= 1 && var.consumer_timeout_seconds <= 900 && floor(var.consumer_timeout_seconds) == var.consumer_timeout_seconds
    error_message = "consumer_timeout_seconds must be a whole number of seconds between 1 and 900, Lambda's limit (got ${var.consumer_timeout_seconds})."
  }
}

variable "visibility_timeout_multiplier" {
  description = "Visibility timeout as a multiple of the consumer's timeout. AWS recommends at least 6 for Lambda event sources."
  type        = number
  default     = 6

  validation {
    condition     = var.visibility_timeout_multiplier >= 6 && floor(var.visibility_timeout_multiplier) == var.visibility_timeout_multiplier
    error_message = "visibility_timeout_multiplier must be a whole number of at least 6 (got ${var.visibility_timeout_multiplier})."
  }

  validation {
    condition     = var.consumer_timeout_seconds * var.visibility_timeout_multiplier <= 43200
    error_message = "consumer_timeout_seconds x visibility_timeout_multiplier must be at most 43200 s, SQS's limit (got ${var.consumer_timeout_seconds * var.visibility_timeout_multiplier})."
  }
}

variable "max_receive_count" {
  description = "Deliveries of a message before SQS moves it to the dead-letter queue. At least 5, so a throttled Lambda does not dead-letter healthy work."
  type        = number
  default     = 5

  validation {
    condition     = var.max_receive_count >= 5 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be a whole number between 5 and 1000 (got ${var.max_receive_count})."
  }
}

variable "message_retention_seconds" {
  description = "How long the stage queue keeps a message (60 s to 14 days). Defaults to 4 days."
  type        = number
  default     = 345600

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be between 60 and 1209600 (got ${var.message_retention_seconds})."
  }
}

variable "receive_wait_time_seconds" {
  description = "Long-poll wait of receives (0-20 s). Lambda's event source long-polls anyway."
  type        = number
  default     = 0

  validation {
    condition     = var.receive_wait_time_seconds >= 0 && var.receive_wait_time_seconds <= 20
    error_message = "receive_wait_time_seconds must be between 0 and 20 (got ${var.receive_wait_time_seconds})."
  }
}

variable "dlq_message_retention_seconds" {
  description = "How long the dead-letter queue keeps a message. Defaults to 14 days, SQS's maximum; it must be at least the stage queue's retention, since a message keeps its original enqueue time when it is moved."
  type        = number
  default     = 1209600

  validation {
    condition     = var.dlq_message_retention_seconds >= var.message_retention_seconds && var.dlq_message_retention_seconds <= 1209600
    error_message = "dlq_message_retention_seconds must be between message_retention_seconds (${var.message_retention_seconds}) and 1209600 (got ${var.dlq_message_retention_seconds})."
  }
}

variable "dlq_consumer_timeout_seconds" {
  description = "Timeout of the function that consumes the dead-letter queue (the deadletter function), or null when nothing consumes it."
  type        = number
  default     = null

  validation {
    condition     = var.dlq_consumer_timeout_seconds == null || try(var.dlq_consumer_timeout_seconds >= 1 && var.dlq_consumer_timeout_seconds <= 900, false)
    error_message = "dlq_consumer_timeout_seconds must be null or between 1 and 900."
  }
}

variable "tags" {
  description = "Tags for both queues."
  type        = map(string)
  default     = {}
}
