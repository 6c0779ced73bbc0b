provider "aws" {
  region = var.region

  default_tags {
    tags = { Project = "ponder", Example = "complete" }
  }
}

# One customer managed key for the table, the batch bucket (SSE-KMS) and the models secret.
resource "aws_kms_key" "ponder" {
  description             = "ponder-full: table, batch bucket, models secret"
  enable_key_rotation     = true
  deletion_window_in_days = 7
}

resource "aws_kms_alias" "ponder" {
  name          = "alias/ponder-full"
  target_key_id = aws_kms_key.ponder.key_id
}

# Where the alarms go.
resource "aws_sns_topic" "alarms" {
  name              = "ponder-full-alarms"
  kms_master_key_id = "alias/aws/sns"
}

# A models secret managed outside the stack (here beside it), passed in instead of created by it.
resource "aws_secretsmanager_secret" "models" {
  name                    = "ponder-full/model-keys"
  description             = "ponder-full: API keys of the model endpoints (JSON: profile name -> key)"
  kms_key_id              = aws_kms_key.ponder.arn
  recovery_window_in_days = 7
}

# Every input of the stack, set.
module "ponder" {
  source = "../../modules/ponder"

  name         = "ponder-full"
  queue_prefix = "ponder-full-q"
  table_name   = "ponder-full-searches"

  functions_zip     = var.functions_zip
  api_zip           = var.api_zip
  native            = var.native
  architecture      = var.architecture
  functions_handler = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"
  api_handler       = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"

  function_memory_mb            = { select = 2048, trigger = 2048 }
  function_timeout_seconds      = { sample = 600, score = 600, batch = 180 }
  reserved_concurrency          = { deadletter = 2, sweep = 1 }
  model_max_concurrency         = 32
  stage_batch_size              = 5
  max_receive_count             = 8
  visibility_timeout_multiplier = 7
  sweep_schedule_expression     = "rate(2 minutes)"
  log_retention_in_days         = 90

  policy_url = var.policy_url
  prm_url    = var.prm_url
  sim_url    = var.sim_url

  create_models_secret                  = false
  models_secret_arn                     = aws_secretsmanager_secret.models.arn
  models_secret_recovery_window_in_days = 7

  bucket_name                        = var.bucket_name
  bucket_force_destroy               = false
  input_prefix                       = "inbox/"
  output_prefix                      = "outbox/"
  trigger_tenant                     = var.trigger_tenant
  output_expiration_days             = 14
  noncurrent_version_expiration_days = 7

  kms_key_arn                    = aws_kms_key.ponder.arn
  point_in_time_recovery_enabled = true
  deletion_protection_enabled    = true
  role_permissions_boundary      = var.role_permissions_boundary

  api_throttling_burst_limit = 200
  api_throttling_rate_limit  = 100
  api_cors_allow_origins     = ["https://app.example.com"]

  create_alarms             = true
  alarm_sns_topic_arn       = aws_sns_topic.alarms.arn
  searches_failed_threshold = 5

  environment = {
    PONDER_PIPELINE_DEADLINE = "2h"
    PONDER_PIPELINE_IDLE     = "20m"
  }

  tags = { CostCenter = "research" }
}
