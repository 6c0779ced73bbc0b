output "function_name" {
  description = "Name of the function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the function."
  value       = aws_lambda_function.this.arn
}

output "invoke_arn" {
  description = "ARN API Gateway invokes the function by."
  value       = aws_lambda_function.this.invoke_arn
}

output "runtime" {
  description = "Runtime of the function (provided.al2023 or java21)."
  value       = aws_lambda_function.this.runtime
}

output "timeout" {
  description = "Timeout of the function in seconds."
  value       = aws_lambda_function.this.timeout
}

output "environment" {
  description = "Environment variables of the function (never secrets)."
  value       = var.environment
}

output "role_name" {
  description = "Name of the function's role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the function's role."
  value       = aws_iam_role.this.arn
}

output "policy_json" {
  description = "The role's inline policy: everything the function may do."
  value       = aws_iam_role_policy.this.policy
}

output "log_group_name" {
  description = "Name of the function's log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the function's log group."
  value       = aws_cloudwatch_log_group.this.arn
}

output "event_source_mappings" {
  description = "The SQS event sources by key: queue ARN, batch size, response types, maximum concurrency."
  value = {
    for k, m in aws_lambda_event_source_mapping.this : k => {
      uuid                    = m.uuid
      event_source_arn        = m.event_source_arn
      batch_size              = m.batch_size
      function_response_types = m.function_response_types
      maximum_concurrency     = try(m.scaling_config[0].maximum_concurrency, null)
    }
  }
}

output "schedule_rule_arn" {
  description = "ARN of the EventBridge schedule rule, or null."
  value       = try(aws_cloudwatch_event_rule.schedule[0].arn, null)
}
