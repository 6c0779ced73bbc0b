output "queue_name" {
  description = "Name of the stage queue, `<queue_prefix>-<stage>`."
  value       = aws_sqs_queue.this.name
}

output "queue_arn" {
  description = "ARN of the stage queue."
  value       = aws_sqs_queue.this.arn
}

output "queue_url" {
  description = "URL of the stage queue."
  value       = aws_sqs_queue.this.id
}

output "visibility_timeout_seconds" {
  description = "Visibility timeout of the stage queue."
  value       = aws_sqs_queue.this.visibility_timeout_seconds
}

output "max_receive_count" {
  description = "Deliveries before a message moves to the dead-letter queue."
  value       = jsondecode(aws_sqs_queue.this.redrive_policy).maxReceiveCount
}

output "dlq_name" {
  description = "Name of the dead-letter queue, `<queue_prefix>-<stage>-dlq`."
  value       = aws_sqs_queue.dlq.name
}

output "dlq_arn" {
  description = "ARN of the dead-letter queue."
  value       = aws_sqs_queue.dlq.arn
}

output "dlq_url" {
  description = "URL of the dead-letter queue."
  value       = aws_sqs_queue.dlq.id
}

output "dlq_visibility_timeout_seconds" {
  description = "Visibility timeout of the dead-letter queue."
  value       = aws_sqs_queue.dlq.visibility_timeout_seconds
}
