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
