output "bucket_name" {
  description = "Name of the bucket (PONDER_TRIGGER_BUCKET)."
  value       = aws_s3_bucket.this.bucket
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

output "sse_algorithm" {
  description = "Default encryption of the bucket (AES256 or aws:kms)."
  value       = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm
}

output "public_access_block" {
  description = "The bucket's four public access block settings."
  value = {
    block_public_acls       = aws_s3_bucket_public_access_block.this.block_public_acls
    block_public_policy     = aws_s3_bucket_public_access_block.this.block_public_policy
    ignore_public_acls      = aws_s3_bucket_public_access_block.this.ignore_public_acls
    restrict_public_buckets = aws_s3_bucket_public_access_block.this.restrict_public_buckets
  }
}

output "versioning_status" {
  description = "Versioning status of the bucket."
  value       = aws_s3_bucket_versioning.this.versioning_configuration[0].status
}
