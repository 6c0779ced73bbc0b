output "bucket_name" {
  description = "Name of the bucket (PONDER_TRIGGER_BUCKET)."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the bucket."
  value       = aws_s3_bucket.this.arn
}

output "input_prefix" {
  description = "Key prefix whose new files start batches."
  value       = var.input_prefix
}

output "output_prefix" {
  description = "Key prefix results are written under."
  value       = var.output_prefix
}

output "notification" {
  description = "The bucket's notification: function, events, prefix and suffix filters (null without one)."
  value = try({
    function_arn  = aws_s3_bucket_notification.this[0].lambda_function[0].lambda_function_arn
    events        = aws_s3_bucket_notification.this[0].lambda_function[0].events
    filter_prefix = aws_s3_bucket_notification.this[0].lambda_function[0].filter_prefix
    filter_suffix = aws_s3_bucket_notification.this[0].lambda_function[0].filter_suffix
  }, null)
}
