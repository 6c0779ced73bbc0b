output "api_url" {
  description = "Base URL of the HTTP API."
  value       = module.ponder.api_url
}

output "bucket_name" {
  description = "The batch bucket."
  value       = module.ponder.bucket_name
}

output "queue_names" {
  description = "Stage queue names by stage."
  value       = module.ponder.queue_names
}

output "dlq_names" {
  description = "Dead-letter queue names by stage."
  value       = module.ponder.dlq_names
}

output "table_name" {
  description = "The DynamoDB table."
  value       = module.ponder.table_name
}

output "function_names" {
  description = "Lambda function names by function."
  value       = module.ponder.function_names
}

output "models_secret_arn" {
  description = "The models secret (created by this example, passed to the stack)."
  value       = module.ponder.models_secret_arn
}

output "kms_key_arn" {
  description = "The customer managed key."
  value       = aws_kms_key.ponder.arn
}

output "alarm_topic_arn" {
  description = "The SNS topic the alarms notify."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Alarm names by kind."
  value       = module.ponder.alarm_names
}
