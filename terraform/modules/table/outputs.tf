output "name" {
  description = "Name of the table."
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "ARN of the table."
  value       = aws_dynamodb_table.this.arn
}

output "index_arns" {
  description = "ARNs of the table's indexes (`<table arn>/index/*`), what a Query on an index is authorised against."
  value       = ["${aws_dynamodb_table.this.arn}/index/*"]
}

output "index_names" {
  description = "Names of the global secondary indexes."
  value       = ["by_tenant", "by_active"]
}

output "point_in_time_recovery_enabled" {
  description = "Whether point-in-time recovery is on."
  value       = aws_dynamodb_table.this.point_in_time_recovery[0].enabled
}

output "server_side_encryption" {
  description = "Server-side encryption of the table: enabled, and the customer key (null for aws/dynamodb)."
  value = {
    enabled     = aws_dynamodb_table.this.server_side_encryption[0].enabled
    kms_key_arn = var.kms_key_arn
  }
}

output "ttl" {
  description = "The table's TTL: attribute and whether it is on."
  value = {
    attribute_name = aws_dynamodb_table.this.ttl[0].attribute_name
    enabled        = aws_dynamodb_table.this.ttl[0].enabled
  }
}
