# The single table of DESIGN.md §4: pk/sk strings, a tenant index on (tenant, created) that lists a tenant's
# searches and batches newest first, and a sparse index on (active, deadline) holding only unfinished searches,
# which feeds the sweeper. The key schema is the one SearchTable.createIfAbsent builds locally: keep them alike.
resource "aws_dynamodb_table" "this" {
  name                        = var.name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection_enabled
  table_class                 = var.table_class

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "tenant"
    type = "S"
  }

  attribute {
    name = "created"
    type = "N"
  }

  attribute {
    name = "active"
    type = "S"
  }

  attribute {
    name = "deadline"
    type = "N"
  }

  global_secondary_index {
    name            = "by_tenant"
    hash_key        = "tenant"
    range_key       = "created"
    projection_type = "ALL"
  }

  global_secondary_index {
    name            = "by_active"
    hash_key        = "active"
    range_key       = "deadline"
    projection_type = "ALL"
  }

  # Searches expire after their retention period (ponder.pipeline.retention writes the epoch seconds here).
  ttl {
    attribute_name = var.ttl_attribute
    enabled        = true
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }

  # Always on: without kms_key_arn DynamoDB uses the AWS managed key (aws/dynamodb), with it the customer's key.
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = var.tags
}
