output "api_url" {
  description = "Base URL of the HTTP API."
  value       = module.ponder.api_url
}

output "bucket_name" {
  description = "The batch bucket: upload .jsonl files under input_prefix, read results under output_prefix."
  value       = module.ponder.bucket_name
}

output "input_prefix" {
  description = "Key prefix whose new .jsonl files start batches."
  value       = module.ponder.input_prefix
}

output "output_prefix" {
  description = "Key prefix results are written under."
  value       = module.ponder.output_prefix
}

output "table_name" {
  description = "The DynamoDB table."
  value       = module.ponder.table_name
}

output "queue_names" {
  description = "Stage queue names by stage."
  value       = module.ponder.queue_names
}

output "dlq_names" {
  description = "Dead-letter queue names by stage."
  value       = module.ponder.dlq_names
}

output "function_names" {
  description = "Lambda function names by function."
  value       = module.ponder.function_names
}

output "models_secret_arn" {
  description = "The models secret: put the API keys in it with `aws secretsmanager put-secret-value`."
  value       = module.ponder.models_secret_arn
}

output "alarm_names" {
  description = "Alarm names by kind."
  value       = module.ponder.alarm_names
}
