output "api_url" {
  description = "Base URL of the HTTP API."
  value       = module.api.api_endpoint
}

output "api_id" {
  description = "ID of the HTTP API."
  value       = module.api.api_id
}

output "table_name" {
  description = "Name of the DynamoDB table."
  value       = module.table.name
}

output "table_arn" {
  description = "ARN of the DynamoDB table."
  value       = module.table.arn
}

output "table" {
  description = "The table's protection: server-side encryption, point-in-time recovery, TTL."
  value = {
    name                           = module.table.name
    server_side_encryption         = module.table.server_side_encryption
    point_in_time_recovery_enabled = module.table.point_in_time_recovery_enabled
    ttl                            = module.table.ttl
  }
}

output "queue_prefix" {
  description = "The queue name prefix."
  value       = local.queue_prefix
}

output "queue_names" {
  description = "Stage queue names by stage."
  value       = { for s in local.stages : s => module.queues[s].queue_name }
}

output "dlq_names" {
  description = "Dead-letter queue names by stage."
  value       = { for s in local.stages : s => module.queues[s].dlq_name }
}

output "queues" {
  description = "Every stage queue and its dead-letter queue: names, ARNs, URLs, visibility timeouts, maxReceiveCount."
  value = {
    for s in local.stages : s => {
      name                           = module.queues[s].queue_name
      arn                            = module.queues[s].queue_arn
      url                            = module.queues[s].queue_url
      visibility_timeout_seconds     = module.queues[s].visibility_timeout_seconds
      max_receive_count              = module.queues[s].max_receive_count
      dlq_name                       = module.queues[s].dlq_name
      dlq_arn                        = module.queues[s].dlq_arn
      dlq_url                        = module.queues[s].dlq_url
      dlq_visibility_timeout_seconds = module.queues[s].dlq_visibility_timeout_seconds
    }
  }
}

output "function_names" {
  description = "Lambda function names by function (orchestrate, sample, score, select, batch, deadletter, sweep, trigger, api)."
  value       = { for k, f in module.functions : k => f.function_name }
}

output "functions" {
  description = "Every function: name, ARN, runtime, timeout, role, log group, environment, SQS event sources, schedule."
  value = {
    for k, f in module.functions : k => {
      name                  = f.function_name
      arn                   = f.function_arn
      runtime               = f.runtime
      timeout               = f.timeout
      role_name             = f.role_name
      role_arn              = f.role_arn
      log_group_name        = f.log_group_name
      log_group_arn         = f.log_group_arn
      environment           = f.environment
      event_source_mappings = f.event_source_mappings
      schedule_rule_arn     = f.schedule_rule_arn
    }
  }
}

output "function_policies" {
  description = "Each function role's inline policy (JSON): everything it may do."
  value       = { for k, f in module.functions : k => f.policy_json }
}

output "bucket_name" {
  description = "Name of the batch bucket."
  value       = module.batch_bucket.bucket_name
}

output "bucket_arn" {
  description = "ARN of the batch bucket."
  value       = module.batch_bucket.bucket_arn
}

output "bucket" {
  description = "The batch bucket's protection: default encryption, public access blocks, versioning."
  value = {
    name                = module.batch_bucket.bucket_name
    sse_algorithm       = module.batch_bucket.sse_algorithm
    public_access_block = module.batch_bucket.public_access_block
    versioning_status   = module.batch_bucket.versioning_status
  }
}

output "bucket_notification" {
  description = "The batch bucket's notification: trigger function, events, prefix and suffix filters."
  value       = module.batch_bucket.notification
}

output "input_prefix" {
  description = "Key prefix whose new .jsonl files start batches."
  value       = var.input_prefix
}

output "output_prefix" {
  description = "Key prefix results are written under."
  value       = var.output_prefix
}

output "models_secret_arn" {
  description = "ARN of the secret holding the model API keys (set its value outside Terraform)."
  value       = local.models_secret_arn
}

output "alarm_names" {
  description = "Every alarm's name by kind and key (empty without alarms)."
  value       = try(module.alarms[0].alarm_names, {})
}

output "trigger_failures_queue" {
  description = "Where the trigger's asynchronous events go after their retries fail: name, ARN and the invoke config's settings."
  value = {
    name        = aws_sqs_queue.trigger_failures.name
    arn         = aws_sqs_queue.trigger_failures.arn
    max_retries = aws_lambda_function_event_invoke_config.trigger.maximum_retry_attempts
    on_failure  = one(one(aws_lambda_function_event_invoke_config.trigger.destination_config).on_failure).destination
    role_policy = aws_iam_role_policy.trigger_failures.policy
  }
}
