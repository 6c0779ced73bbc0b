variable "function_name" {
  description = "Name of the function; also of its role, its log group (/aws/lambda/<name>) and its schedule rule."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.function_name))
    error_message = "function_name must be 1-64 letters, digits, '-' or '_' (got \"${var.function_name}\")."
  }
}

variable "description" {
  description = "Description of the function."
  type        = string
  default     = ""
}

variable "filename" {
  description = "Path of the deployment zip (e.g. src/functions/target/function.zip), relative to the directory terraform runs in. Its SHA-256 redeploys the code when it changes."
  type        = string

  validation {
    condition     = endswith(var.filename, ".zip")
    error_message = "filename must name a .zip file (got \"${var.filename}\")."
  }
}

variable "native" {
  description = "true: a native image on provided.al2023 with handler `bootstrap`; false: a JVM build on java21 with `handler`."
  type        = bool
  default     = false
}

variable "handler" {
  description = "Handler of a JVM build, e.g. io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest (functions) or io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest (API). Ignored when native."
  type        = string
  default     = null

  validation {
    condition     = var.native || try(length(var.handler) > 0, false)
    error_message = "handler must be set when native is false (a JVM build on java21 needs its handler class)."
  }
}

variable "architecture" {
  description = "Instruction set: x86_64 or arm64. A native zip must have been built for it; a JVM zip runs on both."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64 (got \"${var.architecture}\")."
  }
}

variable "memory_size" {
  description = "Memory in MB (128-10240); CPU scales with it."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB between 128 and 10240 (got ${var.memory_size})."
  }
}

variable "timeout" {
  description = "Timeout in seconds (1-900). Queues it consumes get a visibility timeout of at least 6 times this."
  type        = number
  default     = 60

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds between 1 and 900 (got ${var.timeout})."
  }
}

variable "environment" {
  description = "Environment variables. Never secrets: pass a Secrets Manager ARN and grant it with secret_arns."
  type        = map(string)
  default     = {}
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency: -1 leaves the function unreserved, 0 stops it, N reserves N."
  type        = number
  default     = -1

  validation {
    condition     = var.reserved_concurrent_executions >= -1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "reserved_concurrent_executions must be -1 (unreserved) or a whole number >= 0 (got ${var.reserved_concurrent_executions})."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the function's log group, one of CloudWatch's allowed values."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got ${var.log_retention_in_days})."
  }
}

variable "log_kms_key_arn" {
  description = "KMS key ARN for the log group, or null. The key policy must allow the CloudWatch Logs service."
  type        = string
  default     = null
}

variable "event_source_mappings" {
  description = <<-EOT
    SQS event sources by a static key (e.g. the stage): event_source_arn, batch_size (default 10),
    maximum_batching_window_in_seconds (default 0), maximum_concurrency (2-1000, or null for no limit), enabled.
    Partial batch failures are always reported (ReportBatchItemFailures).
  EOT
  type = map(object({
    event_source_arn                   = string
    batch_size                         = optional(number, 10)
    maximum_batching_window_in_seconds = optional(number, 0)
    maximum_concurrency                = optional(number)
    enabled                            = optional(bool, true)
  }))
  default = {}

  validation {
    condition = alltrue([
      for k, m in var.event_source_mappings :
      m.maximum_concurrency == null || try(m.maximum_concurrency >= 2 && m.maximum_concurrency <= 1000 && floor(m.maximum_concurrency) == m.maximum_concurrency, false)
    ])
    error_message = "maximum_concurrency of an SQS event source must be a whole number between 2 and 1000, or null (got ${jsonencode({ for k, m in var.event_source_mappings : k => m.maximum_concurrency })})."
  }

  validation {
    condition = alltrue([
      for k, m in var.event_source_mappings :
      m.batch_size >= 1 && floor(m.batch_size) == m.batch_size && (m.batch_size <= 10 || (m.batch_size <= 10000 && m.maximum_batching_window_in_seconds >= 1))
    ])
    error_message = "batch_size must be 1-10, or up to 10000 with maximum_batching_window_in_seconds >= 1 (got ${jsonencode({ for k, m in var.event_source_mappings : k => m.batch_size })})."
  }

  validation {
    condition = alltrue([
      for k, m in var.event_source_mappings : m.maximum_batching_window_in_seconds >= 0 && m.maximum_batching_window_in_seconds <= 300
    ])
    error_message = "maximum_batching_window_in_seconds must be between 0 and 300."
  }
}

variable "schedule_expression" {
  description = "EventBridge schedule that invokes the function, e.g. rate(1 minute), or null for none."
  type        = string
  default     = null

  validation {
    condition     = var.schedule_expression == null || can(regex("^(rate|cron)\\(.+\\)$", coalesce(var.schedule_expression, "x")))
    error_message = "schedule_expression must be rate(...) or cron(...), or null."
  }
}

## Permissions: the inline policy is built from these, nothing else.

variable "consume_queue_arns" {
  description = "Queues the function consumes (sqs:ReceiveMessage, DeleteMessage, ChangeMessageVisibility, GetQueueAttributes)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.consume_queue_arns : !strcontains(a, "*")])
    error_message = "consume_queue_arns must name queues, not wildcards."
  }
}

variable "send_queue_arns" {
  description = "Queues the function sends to (sqs:SendMessage, which also authorises SendMessageBatch)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.send_queue_arns : !strcontains(a, "*")])
    error_message = "send_queue_arns must name queues, not wildcards."
  }
}

variable "lookup_queue_arns" {
  description = "Further queues whose URL the function may resolve (sqs:GetQueueUrl only). Queues it consumes or sends to are always included."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.lookup_queue_arns : !strcontains(a, "*")])
    error_message = "lookup_queue_arns must name queues, not wildcards."
  }
}

variable "table_arn" {
  description = "ARN of the DynamoDB table, or null for no table access."
  type        = string
  default     = null
}

variable "table_actions" {
  description = "DynamoDB actions allowed on the table itself. TransactWriteItems is authorised by the item actions inside it (PutItem, UpdateItem, DeleteItem, ConditionCheckItem)."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([for a in var.table_actions : contains([
      "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
    ], a)])
    error_message = "table_actions may only hold dynamodb:GetItem, BatchGetItem, PutItem, UpdateItem, DeleteItem, BatchWriteItem, Query, ConditionCheckItem (got ${jsonencode(var.table_actions)})."
  }
}

variable "table_index_actions" {
  description = "DynamoDB actions allowed on the table's indexes (<table arn>/index/*): only dynamodb:Query."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.table_index_actions : a == "dynamodb:Query"])
    error_message = "table_index_actions may only hold dynamodb:Query (got ${jsonencode(var.table_index_actions)})."
  }
}

variable "s3_bucket_arn" {
  description = "ARN of the bucket that s3_read_prefixes and s3_write_prefixes are in, or null."
  type        = string
  default     = null
}

variable "s3_read_prefixes" {
  description = "Key prefixes (ending in '/') the function may read (s3:GetObject, s3:GetObjectVersion on <bucket>/<prefix>*)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.s3_read_prefixes : length(p) > 1 && endswith(p, "/") && !strcontains(p, "*")])
    error_message = "s3_read_prefixes must be non-empty key prefixes ending in '/' without wildcards (got ${jsonencode(var.s3_read_prefixes)})."
  }
}

variable "s3_write_prefixes" {
  description = "Key prefixes (ending in '/') the function may write (s3:PutObject on <bucket>/<prefix>*)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.s3_write_prefixes : length(p) > 1 && endswith(p, "/") && !strcontains(p, "*")])
    error_message = "s3_write_prefixes must be non-empty key prefixes ending in '/' without wildcards (got ${jsonencode(var.s3_write_prefixes)})."
  }
}

variable "secret_arns" {
  description = "Secrets Manager secrets the function may read (secretsmanager:GetSecretValue)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.secret_arns : !strcontains(a, "*")])
    error_message = "secret_arns must name secrets, not wildcards."
  }
}

variable "kms_key_arns" {
  description = "Customer managed KMS keys protecting what the function reads or writes (kms:Decrypt, kms:GenerateDataKey)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.kms_key_arns : !strcontains(a, "*")])
    error_message = "kms_key_arns must name keys, not wildcards."
  }
}

variable "role_permissions_boundary" {
  description = "ARN of a permissions boundary for the role, or null."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every resource of the module."
  type        = map(string)
  default     = {}
}
