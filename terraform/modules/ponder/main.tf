data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  queue_prefix = coalesce(var.queue_prefix, var.name)
  table_name   = coalesce(var.table_name, var.name)
  bucket_name  = coalesce(var.bucket_name, "${var.name}-batches-${data.aws_caller_identity.current.account_id}-${data.aws_region.current.name}")

  stages = ["orchestrate", "sample", "score", "select", "batch"]

  # Sizes and timeouts: the defaults below, overridden per function by the variables.
  memory_size = merge({
    orchestrate = 512, sample = 512, score = 512, select = 1024, batch = 512
    deadletter  = 256, sweep = 512, trigger = 1024, api = 1024
  }, var.function_memory_mb)
  timeout = merge({
    orchestrate = 60, sample = 300, score = 300, select = 60, batch = 120
    deadletter  = 60, sweep = 300, trigger = 300, api = 29
  }, var.function_timeout_seconds)

  queue_arn = { for s in local.stages : s => module.queues[s].queue_arn }
  dlq_arn   = { for s in local.stages : s => module.queues[s].dlq_arn }

  # Every deployable resolves the URLs of all five queues and all five dead-letter queues when it starts
  # (SqsStageQueues.lookup), so every role may call sqs:GetQueueUrl on all ten — that action only.
  all_queue_arns = concat([for s in local.stages : local.queue_arn[s]], [for s in local.stages : local.dlq_arn[s]])

  # Who sends to which stage queue (sqs:SendMessage).
  sends = {
    orchestrate = ["sample", "score", "select", "batch"]
    sample      = ["select"]
    score       = ["select"]
    select      = ["orchestrate", "sample", "score"]
    batch       = ["orchestrate", "batch"]
    deadletter  = ["orchestrate", "sample", "score", "select", "batch"] # re-drives dead work
    sweep       = ["orchestrate", "batch"]
    trigger     = ["batch", "orchestrate"]
    api         = ["orchestrate", "batch"]
  }

  # Which queues each function consumes through an event source mapping.
  consumes = {
    orchestrate = [local.queue_arn["orchestrate"]]
    sample      = [local.queue_arn["sample"]]
    score       = [local.queue_arn["score"]]
    select      = [local.queue_arn["select"]]
    batch       = [local.queue_arn["batch"]]
    deadletter  = [for s in local.stages : local.dlq_arn[s]]
    sweep       = []
    trigger     = []
    api         = []
  }

  # Funqy runs a batch's messages one after another, so the model stages take one message at a time and scale
  # out instead; model_max_concurrency caps them, the throttle in front of the GPU endpoints.
  mappings = merge(
    {
      for s in local.stages : s => {
        (s) = {
          event_source_arn    = local.queue_arn[s]
          batch_size          = contains(["sample", "score"], s) ? 1 : var.stage_batch_size
          maximum_concurrency = contains(["sample", "score"], s) ? var.model_max_concurrency : null
        }
      }
    },
    {
      deadletter = {
        for s in local.stages : "${s}-dlq" => {
          event_source_arn    = local.dlq_arn[s]
          batch_size          = var.stage_batch_size
          maximum_concurrency = null
        }
      }
      sweep   = {}
      trigger = {}
      api     = {}
    },
  )

  # Bucket access by prefix: the trigger reads batch files and writes error reports for refused ones; the batch
  # function writes results when a bucket-started batch ends; the API reads inbox references.
  s3_read = {
    trigger = [var.input_prefix]
    api     = [var.input_prefix]
  }
  s3_write = {
    trigger = [var.output_prefix]
    batch   = [var.output_prefix]
  }

  models_secret_arn = var.create_models_secret ? aws_secretsmanager_secret.models[0].arn : var.models_secret_arn

  # Only the functions that call the models read their keys.
  secret_readers = ["sample", "score"]

  # DynamoDB actions the code uses. A TransactWriteItems is authorised by the item actions inside it, with
  # ConditionCheckItem for its ConditionCheck entries; there is no IAM action for the transaction itself.
  table_actions = [
    "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem",
  ]

  kms_key_arns = var.kms_key_arn == null ? [] : [var.kms_key_arn]

  common_environment = merge(
    var.environment,
    {
      PONDER_PIPELINE_TABLE         = module.table.name
      PONDER_PIPELINE_QUEUE_PREFIX  = local.queue_prefix
      PONDER_PIPELINE_MODELS_SECRET = local.models_secret_arn
      PONDER_TRIGGER_BUCKET         = module.batch_bucket.bucket_name
      PONDER_TRIGGER_INPUT_PREFIX   = var.input_prefix
      PONDER_TRIGGER_OUTPUT_PREFIX  = var.output_prefix
      PONDER_TRIGGER_TENANT         = var.trigger_tenant
    },
    var.policy_url == null ? {} : { PONDER_POLICY_URL = var.policy_url },
    var.prm_url == null ? {} : { PONDER_PRM_URL = var.prm_url },
    var.sim_url == null ? {} : { PONDER_SIM_URL = var.sim_url },
  )

  functions = {
    for f in ["orchestrate", "sample", "score", "select", "batch", "deadletter", "sweep", "trigger", "api"] : f => {
      api = f == "api"
      environment = merge(
        local.common_environment,
        # A chunk's worker owns its work for the lease; the function's timeout keeps it below the visibility
        # timeout of its queue (at least 6 x the timeout), so a redelivery can always take over.
        { PONDER_PIPELINE_LEASE = "${local.timeout[f]}s" },
        f == "api" ? {} : { QUARKUS_FUNQY_EXPORT = f },
      )
    }
  }
}

module "table" {
  source = "../table"

  name                           = local.table_name
  kms_key_arn                    = var.kms_key_arn
  point_in_time_recovery_enabled = var.point_in_time_recovery_enabled
  deletion_protection_enabled    = var.deletion_protection_enabled

  tags = var.tags
}

module "queues" {
  source   = "../queue"
  for_each = toset(local.stages)

  queue_prefix                  = local.queue_prefix
  stage                         = each.key
  consumer_timeout_seconds      = local.timeout[each.key]
  dlq_consumer_timeout_seconds  = local.timeout["deadletter"]
  visibility_timeout_multiplier = var.visibility_timeout_multiplier
  max_receive_count             = var.max_receive_count

  tags = var.tags
}

# The container of the model endpoints' API keys: JSON mapping profile names to keys, set outside Terraform
# (`aws secretsmanager put-secret-value`), so no key ever lands in state or in an environment variable.
resource "aws_secretsmanager_secret" "models" {
  count = var.create_models_secret ? 1 : 0

  name                    = "${var.name}/models"
  description             = "ponder: API keys of the model endpoints, a JSON object of model profile name to key"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.models_secret_recovery_window_in_days

  tags = var.tags
}

module "functions" {
  source   = "../function"
  for_each = local.functions

  function_name = "${var.name}-${each.key}"
  description   = each.value.api ? "ponder HTTP API" : "ponder ${each.key} function"
  filename      = each.value.api ? var.api_zip : var.functions_zip
  native        = var.native
  handler       = each.value.api ? var.api_handler : var.functions_handler
  architecture  = var.architecture
  memory_size   = local.memory_size[each.key]
  timeout       = local.timeout[each.key]
  environment   = each.value.environment

  reserved_concurrent_executions = lookup(var.reserved_concurrency, each.key, -1)
  log_retention_in_days          = var.log_retention_in_days

  consume_queue_arns  = local.consumes[each.key]
  send_queue_arns     = [for s in local.sends[each.key] : local.queue_arn[s]]
  lookup_queue_arns   = local.all_queue_arns
  table_arn           = module.table.arn
  table_actions       = local.table_actions
  table_index_actions = ["dynamodb:Query"]
  s3_bucket_arn       = module.batch_bucket.bucket_arn
  s3_read_prefixes    = lookup(local.s3_read, each.key, [])
  s3_write_prefixes   = lookup(local.s3_write, each.key, [])
  secret_arns         = contains(local.secret_readers, each.key) ? [local.models_secret_arn] : []
  kms_key_arns        = local.kms_key_arns

  event_source_mappings = local.mappings[each.key]
  schedule_expression   = each.key == "sweep" ? var.sweep_schedule_expression : null

  role_permissions_boundary = var.role_permissions_boundary

  tags = var.tags
}

module "batch_bucket" {
  source = "../batch-bucket"

  bucket_name                        = local.bucket_name
  force_destroy                      = var.bucket_force_destroy
  sse_algorithm                      = var.kms_key_arn == null ? "AES256" : "aws:kms"
  kms_key_arn                        = var.kms_key_arn
  input_prefix                       = var.input_prefix
  output_prefix                      = var.output_prefix
  output_expiration_days             = var.output_expiration_days
  noncurrent_version_expiration_days = var.noncurrent_version_expiration_days
  notification_function_arn          = module.functions["trigger"].function_arn

  tags = var.tags
}

module "api" {
  source = "../api"

  name                         = var.name
  lambda_function_name         = module.functions["api"].function_name
  lambda_invoke_arn            = module.functions["api"].invoke_arn
  throttling_burst_limit       = var.api_throttling_burst_limit
  throttling_rate_limit        = var.api_throttling_rate_limit
  cors_allow_origins           = var.api_cors_allow_origins
  access_log_retention_in_days = var.log_retention_in_days

  tags = var.tags
}

# S3 invokes the trigger asynchronously: Lambda retries a failed event twice, then sends it here rather than
# dropping it, so no batch file's event is lost (re-put the object, or re-invoke the trigger with the event, once
# the cause is fixed). Its depth has an alarm like the stage DLQs.
resource "aws_sqs_queue" "trigger_failures" {
  name                      = "${local.queue_prefix}-trigger-failures"
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null
  kms_master_key_id         = var.kms_key_arn
  message_retention_seconds = 1209600

  tags = var.tags
}

resource "aws_lambda_function_event_invoke_config" "trigger" {
  function_name                = module.functions["trigger"].function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 21600

  destination_config {
    on_failure {
      destination = aws_sqs_queue.trigger_failures.arn
    }
  }
}

# Lambda sends to an asynchronous destination with the function's own role.
resource "aws_iam_role_policy" "trigger_failures" {
  name = "trigger-failure-destination"
  role = module.functions["trigger"].role_name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "SendFailedEvents"
      Effect   = "Allow"
      Action   = ["sqs:SendMessage"]
      Resource = [aws_sqs_queue.trigger_failures.arn]
    }]
  })
}

module "alarms" {
  source = "../alarms"
  count  = var.create_alarms ? 1 : 0

  name_prefix               = var.name
  dlq_names                 = merge({ for s in local.stages : s => module.queues[s].dlq_name }, { trigger = aws_sqs_queue.trigger_failures.name })
  function_names            = { for k, f in module.functions : k => f.function_name }
  api_ids                   = { api = module.api.api_id }
  log_group_names           = { for k, f in module.functions : k => f.log_group_name if k != "api" }
  searches_failed_threshold = var.searches_failed_threshold
  sns_topic_arn             = var.alarm_sns_topic_arn

  tags = var.tags
}
