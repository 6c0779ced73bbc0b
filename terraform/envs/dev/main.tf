# The dev environment: the whole stack (modules/ponder) with dev's names and defaults. Throwaway-friendly where it
# is safe (the bucket empties on destroy) and protected where data matters (the table keeps deletion protection
# unless deletion_protection_enabled is set false).
module "ponder" {
  source = "../../modules/ponder"

  name          = var.name
  functions_zip = var.functions_zip
  api_zip       = var.api_zip
  native        = var.native
  architecture  = var.architecture

  function_memory_mb       = var.function_memory_mb
  function_timeout_seconds = var.function_timeout_seconds
  reserved_concurrency     = var.reserved_concurrency
  model_max_concurrency    = var.model_max_concurrency
  max_receive_count        = var.max_receive_count

  sweep_schedule_expression = var.sweep_schedule_expression
  log_retention_in_days     = var.log_retention_in_days

  policy_url           = var.policy_url
  prm_url              = var.prm_url
  sim_url              = var.sim_url
  create_models_secret = var.models_secret_arn == null
  models_secret_arn    = var.models_secret_arn

  bucket_force_destroy = var.bucket_force_destroy
  input_prefix         = var.input_prefix
  output_prefix        = var.output_prefix
  trigger_tenant       = var.trigger_tenant

  kms_key_arn                 = var.kms_key_arn
  deletion_protection_enabled = var.deletion_protection_enabled

  api_throttling_burst_limit = var.api_throttling_burst_limit
  api_throttling_rate_limit  = var.api_throttling_rate_limit

  alarm_sns_topic_arn       = var.alarm_sns_topic_arn
  searches_failed_threshold = var.searches_failed_threshold

  environment = var.environment
}
