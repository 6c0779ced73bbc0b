variable "bucket_name" {
  description = "Name of the bucket (globally unique)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit (got \"${var.bucket_name}\")."
  }
}

variable "force_destroy" {
  description = "Whether destroy empties the bucket first (all versions). Leave false outside throwaway environments."
  type        = bool
  default     = false
}

variable "sse_algorithm" {
  description = "Default encryption: AES256 (SSE-S3) or aws:kms (SSE-KMS with kms_key_arn and an S3 bucket key)."
  type        = string
  default     = "AES256"

  validation {
    condition     = contains(["AES256", "aws:kms"], var.sse_algorithm)
    error_message = "sse_algorithm must be AES256 or aws:kms (got \"${var.sse_algorithm}\")."
  }
}

variable "kms_key_arn" {
  description = "KMS key ARN for SSE-KMS; required when sse_algorithm is aws:kms."
  type        = string
  default     = null

  validation {
    condition     = var.sse_algorithm != "aws:kms" || var.kms_key_arn != null
    error_message = "kms_key_arn must be set when sse_algorithm is aws:kms."
  }
}

variable "input_prefix" {
  description = "Key prefix of batch files: a file created under it (ending in input_suffix) starts a batch. PONDER_TRIGGER_INPUT_PREFIX."
  type        = string
  default     = "incoming/"

  validation {
    condition     = length(var.input_prefix) > 1 && endswith(var.input_prefix, "/") && !startswith(var.input_prefix, "/") && !strcontains(var.input_prefix, "*")
    error_message = "input_prefix must be a non-empty key prefix ending in '/', not starting with '/', without '*' (got \"${var.input_prefix}\")."
  }
}

variable "output_prefix" {
  description = "Key prefix the results (and error reports) are written under. PONDER_TRIGGER_OUTPUT_PREFIX. Must not overlap input_prefix, or results would start batches."
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

variable "input_suffix" {
  description = "Only files whose key ends with this start a batch."
  type        = string
  default     = ".jsonl"
}

variable "output_expiration_days" {
  description = "Days after which results under output_prefix expire."
  type        = number
  default     = 30

  validation {
    condition     = var.output_expiration_days >= 1 && floor(var.output_expiration_days) == var.output_expiration_days
    error_message = "output_expiration_days must be a whole number >= 1 (got ${var.output_expiration_days})."
  }
}

variable "input_expiration_days" {
  description = "Days after which batch files under input_prefix expire, or null to keep them."
  type        = number
  default     = null

  validation {
    condition     = var.input_expiration_days == null || try(var.input_expiration_days >= 1, false)
    error_message = "input_expiration_days must be null or >= 1."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent object versions are removed."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be >= 1 (got ${var.noncurrent_version_expiration_days})."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which incomplete multipart uploads are aborted."
  type        = number
  default     = 7

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1
    error_message = "abort_incomplete_multipart_upload_days must be >= 1 (got ${var.abort_incomplete_multipart_upload_days})."
  }
}

variable "create_notification" {
  description = "Whether to notify notification_function_arn of files created under input_prefix (and allow S3 to invoke it)."
  type        = bool
  default     = true
}

variable "notification_function_arn" {
  description = "ARN of the trigger function S3 invokes for each new batch file; required when create_notification."
  type        = string
  default     = null

  validation {
    condition     = !var.create_notification || var.notification_function_arn != null
    error_message = "notification_function_arn must be set when create_notification is true."
  }
}

variable "tags" {
  description = "Tags for the bucket."
  type        = map(string)
  default     = {}
}
