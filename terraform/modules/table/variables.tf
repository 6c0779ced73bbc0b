variable "name" {
  description = "Name of the table; the functions read it from PONDER_PIPELINE_TABLE."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.name))
    error_message = "name must be 3-255 characters of letters, digits, '_', '-' and '.' (got \"${var.name}\")."
  }
}

variable "ttl_attribute" {
  description = "The item attribute holding the expiry time in epoch seconds. The engine writes `ttl`."
  type        = string
  default     = "ttl"

  validation {
    condition     = length(var.ttl_attribute) > 0
    error_message = "ttl_attribute must not be empty."
  }
}

variable "point_in_time_recovery_enabled" {
  description = "Whether point-in-time recovery (continuous backups, 35 days) is on."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "ARN of a customer managed KMS key for server-side encryption. Null uses the AWS managed key aws/dynamodb (encryption is on either way)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:[a-z-]+:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:<partition>:kms:...) or null (got \"${coalesce(var.kms_key_arn, "null")}\")."
  }
}

variable "deletion_protection_enabled" {
  description = "Whether the table refuses to be deleted (turn off deliberately before a destroy)."
  type        = bool
  default     = true
}

variable "table_class" {
  description = "STANDARD or STANDARD_INFREQUENT_ACCESS."
  type        = string
  default     = "STANDARD"

  validation {
    condition     = contains(["STANDARD", "STANDARD_INFREQUENT_ACCESS"], var.table_class)
    error_message = "table_class must be STANDARD or STANDARD_INFREQUENT_ACCESS (got \"${var.table_class}\")."
  }
}

variable "tags" {
  description = "Tags for the table."
  type        = map(string)
  default     = {}
}
